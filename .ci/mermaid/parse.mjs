// Parses Mermaid files with the official parser: node parse.mjs FILE... (exit 1 on the first invalid one).
import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
globalThis.DOMParser = dom.window.DOMParser;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });
let failed = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  try {
    const result = await mermaid.parse(text);
    console.log(`${file}: ${result.diagramType} parsed`);
  } catch (error) {
    failed++;
    console.error(`${file}: ${error.message ?? error}`);
  }
}
process.exit(failed ? 1 : 0);

import json, os, sys
base, new = sys.argv[1], sys.argv[2]
def files(root):
    out = set()
    for d, _, fs in os.walk(root):
        for f in fs:
            out.add(os.path.relpath(os.path.join(d, f), root))
    return out
a, b = files(base), files(new)
problems = []
if a != b:
    problems.append(f"file sets differ: only before {sorted(a-b)[:5]}, only after {sorted(b-a)[:5]}")
same_bytes = 0; same_value = 0
for rel in sorted(a & b):
    x = open(os.path.join(base, rel), 'rb').read(); y = open(os.path.join(new, rel), 'rb').read()
    if rel.endswith('.json'):
        if json.loads(x) != json.loads(y):
            problems.append(f"{rel}: JSON value differs")
        else:
            same_value += 1
            same_bytes += x == y
    elif x != y:
        problems.append(f"{rel}: bytes differ")
print(f"{len(a & b)} files compared, {same_value} JSON files with the same value ({same_bytes} byte-identical)")
for p in problems: print(p)
sys.exit(1 if problems else 0)

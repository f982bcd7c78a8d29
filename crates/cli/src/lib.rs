//! The `meridian` command line: reads stack files, runs the pipeline (load → plan → emit),
//! writes or checks outputs, and renders diagnostics. It is the only crate that touches the file
//! system; it holds no domain logic.

// Everything printed goes through `console`, which neither panics on a closed pipe nor lets a
// stack's control characters reach the terminal.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod changes;
pub mod commands;
pub mod console;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod summary;
pub mod words;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// The stack used when a command is given none.
pub const DEFAULT_STACK: &str = "stacks/rail-backend.yaml";

/// Exit status: the command did what was asked.
pub const EXIT_OK: u8 = 0;
/// Exit status: a stack has errors (or `--check` found differences).
pub const EXIT_STACK_ERRORS: u8 = 1;
/// Exit status: usage or I/O problem.
pub const EXIT_USAGE: u8 = 2;

/// Compile one multi-region stack file to CloudFormation and Terraform.
#[derive(Debug, Parser)]
#[command(
    name = "meridian",
    version,
    about = "Compile one multi-region stack file to CloudFormation and Terraform",
    long_about = "Meridian reads a stack file (YAML) that describes a service deployed to several AWS \
regions, checks it, and compiles it to one CloudFormation template per region plus a global one, \
and to a Terraform root module.\n\nExit status: 0 success, 1 the stack has errors (or --check found \
differences), 2 usage or I/O error."
)]
pub struct Cli {
    /// Print no status lines (`ok: ...`, `wrote ...`); reports, errors and the output a
    /// command exists for are still printed.
    #[arg(long, short, global = true)]
    quiet: bool,
    /// When to colour reports on a terminal (`auto` honours `NO_COLOR` and never colours a pipe
    /// or a file).
    #[arg(
        long,
        value_enum,
        global = true,
        default_value = "auto",
        value_name = "WHEN"
    )]
    color: console::ColourChoice,
    #[command(subcommand)]
    command: Command,
}

/// Output formats of `meridian validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    /// Reports for people, on standard error (and `ok:` lines on standard output).
    Text,
    /// One JSON document for tools, on standard output (shape in README).
    Json,
    /// SARIF 2.1.0 for code-scanning annotations, on standard output.
    Sarif,
}

/// Kinds of change `meridian diff --fail-on` fails on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// A resource CloudFormation or Terraform replaces.
    Replacement,
    /// An update in place that interrupts the resource (a restart, a failover) or a
    /// replacement.
    Interruption,
    /// A security-sensitive change.
    Security,
}

/// Output targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Target {
    /// CloudFormation templates and the deployment manifest.
    Cloudformation,
    /// A Terraform root module in JSON syntax.
    Terraform,
    /// Runbooks, deploy scripts and the architecture document.
    Runbooks,
    /// All of the above.
    All,
}

/// Graph formats of `meridian graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// A Mermaid flowchart (renders on the common code hosts).
    Mermaid,
    /// Graphviz DOT.
    Dot,
}

/// Output formats of `meridian diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Plain text for people.
    Text,
    /// JSON for tools (a stable, documented schema).
    Json,
    /// Markdown for a pull-request comment.
    Markdown,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check stack files and report every mistake with its file, line, column and stack path.
    #[command(
        long_about = "Check stack files and report every mistake with its file, line, column and \
stack path.\n\nExit status: 0 when every file is free of errors (warnings allowed unless \
--deny-warnings), 1 when a file has errors (or warnings with --deny-warnings), 2 when a file \
cannot be read or on a usage error."
    )]
    Validate {
        /// Stack files (default: stacks/rail-backend.yaml).
        stacks: Vec<PathBuf>,
        /// Report format: `text` for people, `json` (documented in README) or `sarif`
        /// (SARIF 2.1.0, for code-scanning annotations) on standard output.
        #[arg(long, value_enum, default_value = "text")]
        format: ValidateFormat,
        /// Fail (exit 1) when a file has warnings.
        #[arg(long)]
        deny_warnings: bool,
        /// With a stack file that declares `environments:`, only this environment (every
        /// environment is still checked).
        #[arg(long, value_name = "NAME")]
        env: Option<String>,
    },
    /// Write a starter stack and its JSON Schema (for editor validation) into a directory.
    Init {
        /// Directory to write `stack.yaml` and `stack.schema.json` into (created if needed).
        #[arg(default_value = ".")]
        directory: PathBuf,
        /// The stack's name (lowercase letters, digits and `-`).
        #[arg(long, default_value = "my-service")]
        name: String,
        /// Replace the two files when they exist.
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script (e.g. `meridian completions bash > /etc/bash_completion.d/meridian`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page, in roff (e.g. `meridian man > meridian.1 && man ./meridian.1`).
    Man,
    /// Show the resolved deployment: regions and roles, what is created where, cross-region
    /// links, deploy order and parameters.
    Plan {
        /// Stack file (default: stacks/rail-backend.yaml).
        stack: Option<PathBuf>,
        /// With a stack file that declares `environments:`, only this environment (every
        /// environment is still checked).
        #[arg(long, value_name = "NAME")]
        env: Option<String>,
    },
    /// Print the JSON Schema of stack files (committed as stacks/stack.schema.json).
    Schema,
    /// Compile a stack to CloudFormation and/or Terraform.
    Synth {
        /// Stack file (default: stacks/rail-backend.yaml).
        stack: Option<PathBuf>,
        /// With a stack file that declares `environments:`, only this environment (default: every
        /// environment, each into <out>/<environment>; every environment is still checked).
        #[arg(long, value_name = "NAME")]
        env: Option<String>,
        /// Output directory (default: out/<stack name>).
        #[arg(long)]
        out: Option<PathBuf>,
        /// What to generate.
        #[arg(long, value_enum, default_value = "all")]
        target: Target,
        /// Compare with what is on disk instead of writing: exit 0 when identical, 1 with a diff
        /// otherwise. Nothing is written.
        #[arg(long)]
        check: bool,
        /// Directory of your own copies of runbook templates (`deploy.sh.hbs`, ...); each file
        /// replaces the built-in template of the same name.
        #[arg(long)]
        templates: Option<PathBuf>,
    },
    /// Render only the runbooks, deploy scripts and architecture document into <out>/runbooks.
    Render {
        /// Stack file (default: stacks/rail-backend.yaml).
        stack: Option<PathBuf>,
        /// With a stack file that declares `environments:`, only this environment (default: every
        /// environment, each into <out>/<environment>; every environment is still checked).
        #[arg(long, value_name = "NAME")]
        env: Option<String>,
        /// Output directory (default: out/<stack name>).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Directory of your own copies of runbook templates.
        #[arg(long)]
        templates: Option<PathBuf>,
    },
    /// Summarize what changes between two syntheses, per CloudFormation stack: resources added,
    /// removed and changed, replacements, security-sensitive changes and renames.
    #[command(
        long_about = "Summarize what changes between two syntheses, per CloudFormation stack: \
resources added, removed and changed (with each changed property path and its old and new \
value), the changes that make CloudFormation replace a resource, security-sensitive changes \
and renamed entities.\n\nEach side is a stack file (synthesized in memory) or an output \
directory written by `meridian synth` (e.g. the committed out/<stack>).\n\nExit status: 0 when \
both sides load (whatever changed, unless --fail-on names a kind of change found), 1 when a \
stack file has errors or the change holds a kind --fail-on names, 2 on usage or I/O errors."
    )]
    Diff {
        /// The earlier side: a stack file or an output directory.
        before: PathBuf,
        /// The later side: a stack file or an output directory.
        after: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: DiffFormat,
        /// Exit 1 when the change holds any of these kinds (comma-separated): `replacement`,
        /// `interruption` (includes replacements), `security`.
        #[arg(long, value_enum, value_delimiter = ',', value_name = "KINDS")]
        fail_on: Vec<FailOn>,
        /// The environment to compare, when a side is a stack file that declares
        /// `environments:`.
        #[arg(long, value_name = "NAME")]
        env: Option<String>,
    },
    /// Print the topology of a stack: regions, what runs where, replication links.
    Graph {
        /// Stack file (default: stacks/rail-backend.yaml).
        stack: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "mermaid")]
        format: GraphFormat,
        /// With a stack file that declares `environments:`, only this environment (every
        /// environment is still checked).
        #[arg(long, value_name = "NAME")]
        env: Option<String>,
    },
}

/// Runs the command line; returns the process exit status.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let status = if error.use_stderr() {
                EXIT_USAGE
            } else {
                EXIT_OK
            };
            // Help and version go to stdout: a closed pipe there is no failure.
            let text = error.render().to_string();
            if error.use_stderr() {
                console::eprint(&text);
            } else {
                console::print(&text);
            }
            return ExitCode::from(stdout_status(status));
        }
    };
    console::configure(cli.quiet, cli.color);
    let status = match cli.command {
        Command::Validate {
            stacks,
            format,
            deny_warnings,
            env,
        } => commands::validate(
            &default_stacks(stacks),
            env.as_deref(),
            format,
            deny_warnings,
        ),
        Command::Init {
            directory,
            name,
            force,
        } => commands::init(&directory, &name, force),
        Command::Completions { shell } => {
            console::print(&completions(shell));
            EXIT_OK
        }
        Command::Man => {
            console::print(&man_page());
            EXIT_OK
        }
        Command::Plan { stack, env } => commands::plan(
            &stack.unwrap_or_else(|| PathBuf::from(DEFAULT_STACK)),
            env.as_deref(),
        ),
        Command::Schema => commands::schema(),
        Command::Synth {
            stack,
            env,
            out,
            target,
            check,
            templates,
        } => commands::synth(
            &stack.unwrap_or_else(|| PathBuf::from(DEFAULT_STACK)),
            env.as_deref(),
            out.as_deref(),
            target,
            check,
            templates.as_deref(),
        ),
        Command::Render {
            stack,
            env,
            out,
            templates,
        } => commands::synth(
            &stack.unwrap_or_else(|| PathBuf::from(DEFAULT_STACK)),
            env.as_deref(),
            out.as_deref(),
            Target::Runbooks,
            false,
            templates.as_deref(),
        ),
        Command::Diff {
            before,
            after,
            format,
            fail_on,
            env,
        } => commands::diff(&before, &after, env.as_deref(), format, &fail_on),
        Command::Graph { stack, format, env } => commands::graph(
            &stack.unwrap_or_else(|| PathBuf::from(DEFAULT_STACK)),
            env.as_deref(),
            format,
        ),
    };
    ExitCode::from(stdout_status(status))
}

/// `status`, or [`EXIT_USAGE`] with a message when stdout failed for another reason than a
/// closed pipe (a full disk, `/dev/full`).
fn stdout_status(status: u8) -> u8 {
    match console::stdout_error() {
        Some(error) => {
            console::eprint(&format!(
                "meridian: cannot write to standard output: {error}\n"
            ));
            EXIT_USAGE
        }
        None => status,
    }
}

/// The completion script for `shell`, generated from the command definition.
pub fn completions(shell: clap_complete::Shell) -> String {
    use clap::CommandFactory as _;
    let mut command = Cli::command();
    let mut bytes = Vec::new();
    clap_complete::generate(shell, &mut command, "meridian", &mut bytes);
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The man page (roff), generated from the command definition: the main page, then one section
/// per subcommand.
pub fn man_page() -> String {
    use clap::CommandFactory as _;
    let command = Cli::command();
    let mut bytes = Vec::new();
    let _ = clap_mangen::Man::new(command.clone()).render(&mut bytes);
    for subcommand in command.get_subcommands() {
        let page = clap_mangen::Man::new(subcommand.clone());
        bytes.extend_from_slice(
            format!(
                ".SH \"MERIDIAN {}\"\n",
                subcommand.get_name().to_uppercase()
            )
            .as_bytes(),
        );
        let _ = page.render_description_section(&mut bytes);
        let _ = page.render_options_section(&mut bytes);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn default_stacks(stacks: Vec<PathBuf>) -> Vec<PathBuf> {
    if stacks.is_empty() {
        vec![PathBuf::from(DEFAULT_STACK)]
    } else {
        stacks
    }
}

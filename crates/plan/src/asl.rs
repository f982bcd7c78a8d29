//! Amazon States Language, typed: the states of Meridian's failover workflows as the plan builds
//! them, the IAM permissions each task state needs (so a role's policy is derived from the steps
//! and cannot drift from them), and the one JSON document both emitters write. It decides no
//! step; `resolve/failover.rs` does.

use crate::types::{JsonDoc, Statement};
use crate::value::Text;

/// A state machine definition: its states in the order they run on the happy path.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    /// What the workflow does.
    pub comment: String,
    /// Name of the first state.
    pub start_at: String,
    /// States by name, in definition order.
    pub states: Vec<(String, State)>,
}

/// One state.
#[derive(Debug, Clone, PartialEq)]
pub enum State {
    /// A call of an AWS API through the AWS SDK integration.
    Task(TaskState),
    /// Builds part of the state's input from constants and paths.
    Pass {
        /// `Parameters`, keys ending in `.$` are paths.
        parameters: JsonDoc,
        /// Where the result goes in the state's output.
        result_path: String,
        /// The next state.
        next: String,
    },
    /// A fixed wait.
    Wait {
        /// Seconds.
        seconds: u32,
        /// The next state.
        next: String,
    },
    /// A branch on the state's input.
    Choice {
        /// Rules, first match wins.
        choices: Vec<ChoiceRule>,
        /// Where to go when none matches.
        default: String,
    },
    /// The workflow succeeded.
    Succeed,
    /// The workflow failed.
    Fail {
        /// Error name.
        error: String,
        /// Human-readable cause.
        cause: String,
    },
}

/// A Task state calling `<service>:<action>` of the AWS SDK.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskState {
    /// The SDK service name (`rds`, `elasticache`, `applicationautoscaling`...).
    pub service: String,
    /// The SDK action, camelCase (`promoteReadReplica`).
    pub action: String,
    /// The request.
    pub parameters: JsonDoc,
    /// Selects the part of the result kept, when not all of it.
    pub result_selector: Option<JsonDoc>,
    /// Where the result goes (`None`: the result is discarded and the input passes on).
    pub result_path: Option<String>,
    /// The next state; `None` ends the workflow.
    pub next: Option<String>,
    /// What the call needs from IAM: the action it calls on the resources it names, and what
    /// the call implies (the key of an encrypted topic).
    pub permissions: Vec<Statement>,
}

/// A Choice rule on one variable.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceRule {
    /// The path tested.
    pub variable: String,
    /// The test.
    pub test: ChoiceTest,
    /// Where to go when it holds.
    pub next: String,
}

/// A Choice comparison.
#[derive(Debug, Clone, PartialEq)]
pub enum ChoiceTest {
    /// The string at the variable equals this.
    StringEquals(String),
    /// The number at the variable is at least this.
    NumericGreaterThanEquals(i64),
    /// The number at the variable is this.
    NumericEquals(i64),
    /// The boolean at the variable is this.
    BooleanEquals(bool),
    /// Whether the variable is present.
    IsPresent(bool),
}

/// `arn:<partition>:states:::aws-sdk:<service>:<action>`: the Resource of an AWS SDK task.
pub fn sdk_resource(partition: &str, service: &str, action: &str) -> String {
    format!("arn:{partition}:states:::aws-sdk:{service}:{action}")
}

/// The IAM action an AWS SDK task calls: the service's IAM prefix and the action in PascalCase
/// (Step Functions documents the mapping: the SDK's camelCase action, the IAM service prefix).
pub fn iam_action(service: &str, action: &str) -> String {
    let prefix = match service {
        // The SDK's client name differs from the IAM prefix only here among Meridian's calls.
        "applicationautoscaling" => "application-autoscaling",
        other => other,
    };
    let mut chars = action.chars();
    let pascal = match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    };
    format!("{prefix}:{pascal}")
}

impl Definition {
    /// The statements a role needs to run every task of this definition: each task's own
    /// permissions in state order, one statement per action (and conditions) with every
    /// resource it is called on, so statement IDs stay unique.
    pub fn statements(&self) -> Vec<Statement> {
        let mut statements: Vec<Statement> = Vec::new();
        for (_, state) in &self.states {
            let State::Task(task) = state else {
                continue;
            };
            for statement in &task.permissions {
                // One statement per action and conditions, naming every resource it is called on.
                match statements.iter_mut().find(|known| {
                    known.actions == statement.actions && known.conditions == statement.conditions
                }) {
                    Some(known) => {
                        for resource in &statement.resources {
                            if !known.resources.contains(resource) {
                                known.resources.push(resource.clone());
                            }
                        }
                    }
                    None => statements.push(statement.clone()),
                }
            }
        }
        statements
    }

    /// The definition as the JSON document Step Functions reads, in `partition`.
    pub fn document(&self, partition: &str) -> JsonDoc {
        JsonDoc::Object(vec![
            ("Comment".to_owned(), string(&self.comment)),
            ("StartAt".to_owned(), string(&self.start_at)),
            (
                "States".to_owned(),
                JsonDoc::Object(
                    self.states
                        .iter()
                        .map(|(name, state)| (name.clone(), state.document(partition)))
                        .collect(),
                ),
            ),
        ])
    }
}

impl State {
    /// The names of the states this one may go to.
    pub fn successors(&self) -> Vec<&str> {
        match self {
            Self::Task(task) => task.next.iter().map(String::as_str).collect(),
            Self::Pass { next, .. } | Self::Wait { next, .. } => vec![next.as_str()],
            Self::Choice { choices, default } => choices
                .iter()
                .map(|rule| rule.next.as_str())
                .chain(std::iter::once(default.as_str()))
                .collect(),
            Self::Succeed | Self::Fail { .. } => Vec::new(),
        }
    }

    fn document(&self, partition: &str) -> JsonDoc {
        let mut entries: Vec<(String, JsonDoc)> = Vec::new();
        let mut put = |key: &str, value: JsonDoc| entries.push((key.to_owned(), value));
        match self {
            Self::Task(task) => {
                put("Type", string("Task"));
                put(
                    "Resource",
                    string(&sdk_resource(partition, &task.service, &task.action)),
                );
                put("Parameters", task.parameters.clone());
                if let Some(selector) = &task.result_selector {
                    put("ResultSelector", selector.clone());
                }
                match &task.result_path {
                    Some(path) => put("ResultPath", string(path)),
                    // JSON null discards the result: the input passes on unchanged.
                    None => put("ResultPath", JsonDoc::Null),
                }
                match &task.next {
                    Some(next) => put("Next", string(next)),
                    None => put("End", JsonDoc::Bool(true)),
                }
            }
            Self::Pass {
                parameters,
                result_path,
                next,
            } => {
                put("Type", string("Pass"));
                put("Parameters", parameters.clone());
                put("ResultPath", string(result_path));
                put("Next", string(next));
            }
            Self::Wait { seconds, next } => {
                put("Type", string("Wait"));
                put("Seconds", JsonDoc::Number(i64::from(*seconds)));
                put("Next", string(next));
            }
            Self::Choice { choices, default } => {
                put("Type", string("Choice"));
                put(
                    "Choices",
                    JsonDoc::Array(choices.iter().map(ChoiceRule::document).collect()),
                );
                put("Default", string(default));
            }
            Self::Succeed => put("Type", string("Succeed")),
            Self::Fail { error, cause } => {
                put("Type", string("Fail"));
                put("Error", string(error));
                put("Cause", string(cause));
            }
        }
        JsonDoc::Object(entries)
    }
}

impl ChoiceRule {
    fn document(&self) -> JsonDoc {
        let (operator, value) = match &self.test {
            ChoiceTest::StringEquals(text) => ("StringEquals", string(text)),
            ChoiceTest::NumericGreaterThanEquals(number) => {
                ("NumericGreaterThanEquals", JsonDoc::Number(*number))
            }
            ChoiceTest::NumericEquals(number) => ("NumericEquals", JsonDoc::Number(*number)),
            ChoiceTest::BooleanEquals(value) => ("BooleanEquals", JsonDoc::Bool(*value)),
            ChoiceTest::IsPresent(value) => ("IsPresent", JsonDoc::Bool(*value)),
        };
        JsonDoc::Object(vec![
            ("Variable".to_owned(), string(&self.variable)),
            (operator.to_owned(), value),
            ("Next".to_owned(), string(&self.next)),
        ])
    }
}

fn string(text: &str) -> JsonDoc {
    JsonDoc::String(Text::lit(text))
}

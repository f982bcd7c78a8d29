//! The shape of the deployment manifest (`manifest.json`), written by the lowering
//! (`lower/manifest.rs`) and read back by [`Synthesis::from_files`](super::Synthesis::from_files).
//! Both sides use these structs, so a renamed or retyped field is a compile error or a clear
//! "not a format-1 manifest" error, never a manifest that silently reads as empty.
//!
//! The manifest reports what the plan and the templates hold; it decides nothing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::SynthesisError;

/// Version of the manifest's shape, raised when a field changes meaning. A manifest of another
/// format is refused rather than guessed at.
pub const MANIFEST_FORMAT: u32 = 1;

/// `manifest.json`: for every unit in deploy order, the stack to deploy, its template, region, the
/// units it depends on and the outputs it consumes, its parameters and outputs, the stack tags and
/// the capabilities CloudFormation must be granted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`MANIFEST_FORMAT`].
    pub format: u32,
    /// The stack file's `stack` name.
    pub stack: String,
    /// The stack file's description.
    pub description: String,
    /// The region that runs the primary database.
    pub primary_region: String,
    /// The region of the global unit.
    pub global_region: String,
    /// Units in deploy order.
    pub units: Vec<ManifestUnit>,
    /// Entities renamed with `renamed_from` (absent when there is none, and in manifests written
    /// before renames existed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub renames: Vec<DeclaredRename>,
}

/// An entity renamed with `renamed_from`: its resources keep the logical IDs (and physical names)
/// of its former name, so CloudFormation updates them in place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclaredRename {
    /// `service` or `bucket`.
    pub kind: String,
    /// The former name, which the entity's resources keep.
    pub from: String,
    /// The current name.
    pub to: String,
    /// Logical IDs that keep the former name, by CloudFormation stack name.
    pub logical_ids: BTreeMap<String, Vec<String>>,
}

/// One unit: one CloudFormation stack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestUnit {
    /// The plan's unit ID.
    pub unit: String,
    /// The CloudFormation stack name.
    pub stack_name: String,
    /// The template's path in the output directory (`cloudformation/<file>`).
    pub template: String,
    /// The region the stack is deployed to.
    pub region: String,
    /// The stack's description.
    pub description: String,
    /// Units deployed before this one whose outputs it uses, in deploy order.
    pub depends_on: Vec<Dependency>,
    /// The outputs of other stacks the template imports.
    pub consumes: Vec<ConsumedOutput>,
    /// The template's parameters.
    pub parameters: Vec<ManifestParameter>,
    /// The template's outputs.
    pub outputs: Vec<ManifestOutput>,
    /// Stack tags.
    pub tags: BTreeMap<String, String>,
    /// Capabilities the stack must be created with (`CAPABILITY_IAM`, ...).
    pub capabilities: Vec<String>,
}

/// A unit another one depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dependency {
    /// The plan's unit ID.
    pub unit: String,
    /// Its CloudFormation stack name.
    pub stack_name: String,
}

/// An output of another stack that a template imports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsumedOutput {
    /// The producing unit's ID.
    pub unit: String,
    /// The producing stack.
    pub stack_name: String,
    /// The producing stack's region.
    pub region: String,
    /// The output's name.
    pub output: String,
}

/// A template parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestParameter {
    /// The CloudFormation parameter name.
    pub name: String,
    /// The parameter's name in the stack file.
    pub stack_file_name: String,
    /// `text`, `certificate-arn`, `hosted-zone-id`, ...
    pub kind: String,
    /// Whether each region takes its own value.
    pub per_region: bool,
    /// Whether the value is secret (`NoEcho`).
    pub sensitive: bool,
    /// What the value is.
    pub description: String,
}

/// A template output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestOutput {
    /// The output's name.
    pub name: String,
    /// What it holds.
    pub description: String,
}

impl Manifest {
    /// Reads `manifest.json` (`path` is only used in errors): JSON of format [`MANIFEST_FORMAT`].
    /// The format is checked before the fields, so a manifest from another Meridian version says
    /// so instead of naming a missing field.
    pub fn parse(path: &str, contents: &str) -> Result<Self, SynthesisError> {
        let error = |message: String| SynthesisError {
            path: path.to_owned(),
            message,
        };
        let value: serde_json::Value =
            serde_json::from_str(contents).map_err(|cause| error(format!("not JSON: {cause}")))?;
        match value.get("format") {
            Some(format) if format.as_u64() == Some(MANIFEST_FORMAT.into()) => {}
            Some(format) => {
                return Err(error(format!(
                    "unknown manifest format {format}; this meridian reads format {MANIFEST_FORMAT} (synthesize the directory again with this version)"
                )));
            }
            None => {
                return Err(error(format!(
                    "not a Meridian manifest: no `format` field (this meridian reads format {MANIFEST_FORMAT})"
                )));
            }
        }
        serde_json::from_value(value).map_err(|cause| {
            error(format!(
                "not a format-{MANIFEST_FORMAT} Meridian manifest: {cause}"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn unit() -> serde_json::Value {
        json!({
            "unit": "app-us-east-1",
            "stack_name": "demo-app-us-east-1",
            "template": "cloudformation/demo-app-us-east-1.template.json",
            "region": "us-east-1",
            "description": "d",
            "depends_on": [{"unit": "storage-us-east-1", "stack_name": "demo-storage-us-east-1"}],
            "consumes": [],
            "parameters": [{"name": "ImageTag", "stack_file_name": "IMAGE_TAG", "kind": "text",
                "per_region": false, "sensitive": false, "description": "tag"}],
            "outputs": [{"name": "Url", "description": "u"}],
            "tags": {"team": "rail"},
            "capabilities": ["CAPABILITY_IAM"]
        })
    }

    fn manifest(format: serde_json::Value) -> serde_json::Value {
        json!({
            "format": format,
            "stack": "demo",
            "description": "d",
            "primary_region": "us-east-1",
            "global_region": "us-east-1",
            "units": [unit()]
        })
    }

    #[test]
    fn a_manifest_reads_back_as_written() {
        let mut text = manifest(json!(1));
        text["renames"] = json!([{"kind": "service", "from": "web", "to": "api",
            "logical_ids": {"demo-app-us-east-1": ["WebService"]}}]);
        let parsed = Manifest::parse("manifest.json", &text.to_string()).expect("format 1");
        assert_eq!(parsed.units[0].stack_name, "demo-app-us-east-1");
        assert_eq!(parsed.units[0].capabilities, ["CAPABILITY_IAM"]);
        assert_eq!(
            parsed.renames[0].logical_ids["demo-app-us-east-1"],
            ["WebService"]
        );
        assert_eq!(serde_json::to_value(&parsed).expect("serializes"), text);
    }

    #[test]
    fn renames_may_be_absent() {
        let parsed = Manifest::parse("manifest.json", &manifest(json!(1)).to_string())
            .expect("a manifest without renames");
        assert!(parsed.renames.is_empty());
        let written = serde_json::to_value(&parsed).expect("serializes");
        assert!(written.get("renames").is_none(), "{written}");
    }

    #[test]
    fn other_formats_and_renamed_fields_are_refused() {
        let message = |text: serde_json::Value| {
            Manifest::parse("manifest.json", &text.to_string())
                .expect_err("refused")
                .to_string()
        };
        assert_eq!(
            message(manifest(json!(2))),
            "manifest.json: unknown manifest format 2; this meridian reads format 1 (synthesize the directory again with this version)"
        );
        assert!(message(manifest(json!("1"))).contains("unknown manifest format \"1\""));
        let mut unformatted = manifest(json!(1));
        unformatted
            .as_object_mut()
            .expect("object")
            .remove("format");
        assert!(message(unformatted).contains("no `format` field"));
        let mut renamed = manifest(json!(1));
        let unit = renamed["units"][0].as_object_mut().expect("object");
        let name = unit.remove("stack_name").expect("stack_name");
        unit.insert("stackName".to_owned(), name);
        assert_eq!(
            message(renamed),
            "manifest.json: not a format-1 Meridian manifest: missing field `stack_name`"
        );
        assert!(
            Manifest::parse("manifest.json", "{")
                .expect_err("not JSON")
                .message
                .starts_with("not JSON")
        );
    }
}

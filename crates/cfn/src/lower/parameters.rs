//! Template parameters and outputs of a unit: each parameter the unit declares gets the
//! CloudFormation type and constraint of its kind; each plan output becomes an output. It must not
//! add parameters or outputs the plan does not list.

use meridian_plan::{Output, ParamKind, Parameter, Unit};

use crate::l1::{self, ParameterType};

use super::UnitTemplate;

/// Declares the unit's parameters.
pub(crate) fn lower_parameters(unit_template: &mut UnitTemplate<'_>, unit: &Unit) {
    for name in &unit.parameters {
        let Parameter {
            name: _,
            cfn_name,
            tf_name: _,
            kind,
            // A per-region parameter is an ordinary parameter of each regional template: every
            // region's stack is given its own value when it is deployed.
            per_region: _,
            sensitive,
            description,
            regions: _,
        } = unit_template.values.parameter(name);
        let mut parameter = match kind_constraint(*kind, &unit.region) {
            Constraint::AwsType(type_name) => {
                l1::Parameter::new(ParameterType::AwsSpecific(type_name.to_owned()))
            }
            Constraint::Pattern {
                pattern,
                description: constraint_description,
            } => l1::Parameter {
                allowed_pattern: Some(pattern),
                constraint_description: Some(constraint_description.to_owned()),
                min_length: Some(1),
                ..l1::Parameter::new(ParameterType::String)
            },
        };
        parameter.description = Some(description.clone());
        parameter.no_echo = sensitive.then_some(true);
        if let Err(duplicate) = unit_template
            .template
            .add_parameter(cfn_name.clone(), parameter)
        {
            panic!("invariant: {duplicate}");
        }
    }
}

/// Declares the unit's outputs.
pub(crate) fn lower_outputs(unit_template: &mut UnitTemplate<'_>, unit: &Unit) {
    for output in &unit.outputs {
        let Output {
            name,
            tf_name: _,
            description,
            value,
        } = output;
        let output = l1::Output {
            description: Some(description.clone()),
            ..l1::Output::new(unit_template.values.text(value))
        };
        if let Err(duplicate) = unit_template.template.add_output(name.clone(), output) {
            panic!("invariant: {duplicate}");
        }
    }
}

/// How CloudFormation checks a parameter of a kind.
enum Constraint {
    /// An AWS-specific parameter type, which CloudFormation checks against the account.
    AwsType(&'static str),
    /// A string matching a pattern.
    Pattern {
        pattern: String,
        description: &'static str,
    },
}

/// The partitions' ARN prefix: `arn:aws`, `arn:aws-cn`, `arn:aws-us-gov`...
const ARN_PARTITION: &str = "arn:aws[a-z-]*";

fn kind_constraint(kind: ParamKind, region: &str) -> Constraint {
    match kind {
        ParamKind::HostedZoneId => Constraint::AwsType("AWS::Route53::HostedZone::Id"),
        ParamKind::VpcId => Constraint::AwsType("AWS::EC2::VPC::Id"),
        ParamKind::SubnetId => Constraint::AwsType("AWS::EC2::Subnet::Id"),
        // Load balancers and CloudFront only accept a certificate of the region they read it in,
        // which is the region of the unit that uses it.
        ParamKind::CertificateArn => Constraint::Pattern {
            pattern: format!("^{ARN_PARTITION}:acm:{region}:[0-9]{{12}}:certificate/[0-9a-f-]+$"),
            description: "must be the ARN of an ACM certificate in the region of this stack",
        },
        ParamKind::SecretArn => Constraint::Pattern {
            pattern: format!("^{ARN_PARTITION}:secretsmanager:[a-z0-9-]+:[0-9]{{12}}:secret:.+$"),
            description: "must be the ARN of a Secrets Manager secret",
        },
        ParamKind::Email => Constraint::Pattern {
            pattern: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$".to_owned(),
            description: "must be an e-mail address",
        },
        ParamKind::HttpsUrl => Constraint::Pattern {
            pattern: "^https://[^\\s]+$".to_owned(),
            description: "must be an https:// URL",
        },
        ParamKind::Text => Constraint::Pattern {
            pattern: "^[^\\s](.*[^\\s])?$".to_owned(),
            description: "must not be empty or start or end with white space",
        },
    }
}

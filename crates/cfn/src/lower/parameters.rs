//! Template parameters and outputs of a unit: each parameter the unit declares gets the
//! CloudFormation type and constraint of its kind; each plan output becomes an output. It must not
//! add parameters or outputs the plan does not list.

use meridian_plan::bug;
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
        let mut parameter = match aws_specific_type(*kind) {
            Some(type_name) => l1::Parameter::new(ParameterType::AwsSpecific(type_name.to_owned())),
            None => l1::Parameter {
                allowed_pattern: Some(kind.pattern(Some(&unit.region))),
                constraint_description: Some(format!("must be {}", kind.format_description())),
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
            bug(format_args!("{duplicate}"));
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
            bug(format_args!("{duplicate}"));
        }
    }
}

/// The AWS-specific parameter type of a kind, which CloudFormation checks against the account
/// before it creates anything; other kinds are strings checked against the plan's pattern.
fn aws_specific_type(kind: ParamKind) -> Option<&'static str> {
    match kind {
        ParamKind::HostedZoneId => Some("AWS::Route53::HostedZone::Id"),
        ParamKind::VpcId => Some("AWS::EC2::VPC::Id"),
        ParamKind::SubnetId => Some("AWS::EC2::Subnet::Id"),
        // CloudFormation has no AWS-specific type for route tables: a string with the pattern.
        ParamKind::RouteTableId
        | ParamKind::CertificateArn
        | ParamKind::SecretArn
        | ParamKind::Email
        | ParamKind::HttpsUrl
        | ParamKind::Text => None,
    }
}

//! The CloudFormation lowering only translates: no AWS default, limit or name is written in
//! `src/lower`. Every literal there is CloudFormation or AWS syntax, listed below with why; a
//! value that decides anything (a setting, a name, a limit, an AWS fact) belongs in the plan
//! (`crates/plan/src/defaults.rs`, `naming.rs`, `aws.rs` or a plan field) and reaches the
//! lowering through the plan. The Terraform lowering has the same test.

use meridian_testkit::repository;
use meridian_testkit::source::{SyntaxLiterals, unexplained_literals};

/// What `src/lower` may write, grouped by why it is syntax.
const SYNTAX: SyntaxLiterals = &[
    (
        "the words of the report of a template beyond a CloudFormation quota: what is counted (the \
         limits themselves come from the plan's `aws::limits`)",
        &[
            ("mod.rs", "\"resources\"", 1),
            ("mod.rs", "\"outputs\"", 1),
            ("mod.rs", "\"parameters\"", 1),
            ("mod.rs", "\"bytes\"", 1),
            (
                "mod.rs",
                "\"the template of {} would hold {} {}, and CloudFormation accepts at most {}\"",
                1,
            ),
        ],
    ),
    (
        "the keys of a template resource that the stack's overrides edit as JSON (`overrides.rs`)",
        &[
            ("overrides.rs", "\"Properties\"", 1),
            ("overrides.rs", "\"Type\"", 1),
        ],
    ),
    (
        "the division of a region over its services units (`split.rs`): it reads and rewrites \
         intrinsics (`Ref`, `Fn::GetAtt`, `${...}` of `Fn::Sub`, `DependsOn`), writes each \
         import as the JSON of `Fn::GetStackOutput` (debug builds compare it with the typed \
         value's), names each output after the logical ID and attribute it carries, as imports \
         are named in values.rs, and describes it by the stacks that read it",
        &[
            ("split.rs", "\"Ref\"", 1),
            ("split.rs", "\"Fn::GetAtt\"", 1),
            ("split.rs", "\"Fn::Sub\"", 1),
            ("split.rs", "\"Fn::GetStackOutput\"", 1),
            ("split.rs", "\"OutputName\"", 1),
            ("split.rs", "\"StackName\"", 1),
            ("split.rs", "\"${\"", 1),
            ("split.rs", "\"${{{variable}}}\"", 1),
            ("split.rs", "'!'", 1),
            ("split.rs", "'.'", 2),
            ("split.rs", "'}'", 1),
            ("split.rs", "\"\"", 2),
            ("split.rs", "0", 1),
            ("split.rs", "1", 5),
            ("split.rs", "2", 2),
            ("split.rs", "false", 1),
            ("split.rs", "true", 1),
            ("split.rs", "\"{logical}Ref\"", 1),
            ("split.rs", "\"{logical}{}\"", 1),
            ("split.rs", "\"Read by {}\"", 1),
            ("split.rs", "\", \"", 1),
        ],
    ),
    (
        "the serializer that rewrites a divided region's references while a template is written \
         (`rewrite.rs`): a map announced with one entry is the shape of every intrinsic \
         function, and a map whose entries break serde's order is an error",
        &[
            ("rewrite.rs", "1", 1),
            ("rewrite.rs", "\"a map's entries came out of turn\"", 1),
        ],
    ),
    (
        "intrinsic functions and `Fn::Sub` syntax, which the lowering builds for deploy-time \
         values (what a value refers to is read by the plan's `overrides::referenced_ids`)",
        &[
            // The manifest finds the key at the start of a line of the template's pretty JSON.
            ("manifest.rs", "\"\\\"Fn::GetStackOutput\\\":\"", 1),
            ("manifest.rs", "b'\\n'", 1),
            ("manifest.rs", "b' '", 1),
            ("values.rs", "\"${\"", 1),
            ("values.rs", "\"${!\"", 1),
            ("values.rs", "\"${{{cfn_name}}}\"", 1),
            ("values.rs", "\"${{{logical}}}\"", 3),
            ("values.rs", "\"${{{logical}.{name}}}\"", 1),
            ("values.rs", "\"${{{variable}}}\"", 2),
            ("values.rs", "\"${{{}}}\"", 1),
            ("values.rs", "\"{logical}NameWithSuffix\"", 1),
            ("values.rs", "\"{}{}\"", 1),
            (
                "cache.rs",
                "\"{{{{resolve:secretsmanager:${{{}}}:SecretString:{}}}}}\"",
                1,
            ),
            (
                "database.rs",
                "\"{{{{resolve:secretsmanager:${{{}}}:SecretString:{field}}}}}\"",
                1,
            ),
            ("database.rs", "\",\"", 1),
            ("values.rs", "\"null\"", 1),
        ],
    ),
    (
        "`DefinitionSubstitutions` of a state machine: each deploy-time part of the plan's \
         definition becomes a `${Name}` placeholder, named after the pseudo parameter, the resource \
         and attribute, or the import it stands for (like `Fn::Sub` variables)",
        &[
            ("failover.rs", "\"${{{variable}}}\"", 1),
            ("failover.rs", "\"AccountId\"", 1),
            ("failover.rs", "\"Partition\"", 1),
            ("failover.rs", "\"UrlSuffix\"", 1),
            ("failover.rs", "\"Region\"", 1),
            ("failover.rs", "\"{}{:?}\"", 1),
        ],
    ),
    (
        "attribute names of `Fn::GetAtt` (checked against the registry schemas), and the one \
         attribute CloudFormation lacks: a distribution's ARN and a secret's name with its suffix, \
         assembled from the ARN's fields",
        &[
            ("values.rs", "\"GroupId\"", 1),
            ("values.rs", "\"DNSName\"", 1),
            ("values.rs", "\"DnsName\"", 1),
            ("values.rs", "\"CanonicalHostedZoneID\"", 1),
            ("values.rs", "\"LoadBalancerFullName\"", 1),
            ("values.rs", "\"TargetGroupFullName\"", 1),
            ("values.rs", "\"Arn\"", 2),
            ("values.rs", "\"Name\"", 1),
            ("values.rs", "\"DBInstanceArn\"", 1),
            ("values.rs", "\"Endpoint.Address\"", 1),
            ("values.rs", "\"Endpoint.Port\"", 1),
            ("values.rs", "\"ConfigurationEndPoint.Address\"", 1),
            ("values.rs", "\"PrimaryEndPoint.Address\"", 1),
            ("values.rs", "\"RegionalDomainName\"", 1),
            ("values.rs", "\"DomainName\"", 1),
            ("values.rs", "\"Id\"", 1),
            ("network.rs", "\"AllocationId\"", 1),
            (
                "values.rs",
                "\"arn:${{AWS::Partition}}:cloudfront::${{AWS::AccountId}}:distribution/{distribution_id}\"",
                1,
            ),
            ("values.rs", "\":\"", 1),
            ("values.rs", "6", 1),
        ],
    ),
    (
        "JSON text of dashboard bodies, which CloudFormation takes as one string",
        &[
            ("values.rs", "\"{\"", 1),
            ("values.rs", "\"}\"", 1),
            ("values.rs", "\"[\"", 1),
            ("values.rs", "\"]\"", 1),
            ("values.rs", "\",\"", 2),
            ("values.rs", "\"\\\"\"", 2),
            ("values.rs", "\"\\\"{}\\\":\"", 1),
            ("values.rs", "\"true\"", 1),
            ("values.rs", "\"false\"", 1),
            ("values.rs", "true", 2),
            ("values.rs", "false", 1),
            ("values.rs", "0", 2),
            ("values.rs", "1", 3),
            ("manifest.rs", "'\\n'", 1),
        ],
    ),
    (
        "property keys CloudFormation spells as data: load-balancer and target-group attribute \
         names, the option names of the awslogs driver, the condition fields of a listener rule and the \
         cluster setting's name (the generated L1 types take these as strings)",
        &[
            ("load_balancer.rs", "\"deletion_protection.enabled\"", 1),
            ("load_balancer.rs", "\"idle_timeout.timeout_seconds\"", 1),
            (
                "load_balancer.rs",
                "\"routing.http.drop_invalid_header_fields.enabled\"",
                1,
            ),
            ("load_balancer.rs", "\"access_logs.s3.enabled\"", 1),
            ("load_balancer.rs", "\"access_logs.s3.bucket\"", 1),
            (
                "load_balancer.rs",
                "\"deregistration_delay.timeout_seconds\"",
                1,
            ),
            ("services.rs", "\"awslogs-group\"", 1),
            ("services.rs", "\"awslogs-region\"", 1),
            ("services.rs", "\"awslogs-stream-prefix\"", 1),
            ("load_balancer.rs", "\"host-header\"", 1),
            ("load_balancer.rs", "\"path-pattern\"", 1),
            ("services.rs", "\"containerInsights\"", 1),
        ],
    ),
    (
        "the spelling of a plan switch (`enabled`/`disabled`), and switches implied by a plan value \
         that is present (Object Lock on a bucket with a retention, the default certificate of a \
         distribution without its own, target health evaluated when the records evaluate it, \
         NoEcho on a sensitive parameter, the metric-math query that returns the alarm's value)",
        &[
            ("values.rs", "\"enabled\"", 1),
            ("values.rs", "\"disabled\"", 1),
            ("storage.rs", "true", 1),
            ("global.rs", "true", 2),
            ("parameters.rs", "true", 1),
            ("alerting.rs", "true", 1),
            ("alerting.rs", "false", 1),
        ],
    ),
    (
        "CloudFormation idioms: the egress rule that matches no traffic (ICMP type 252 code 86 to the \
         broadcast address) and so removes a group's default allow-all rule, the empty origin \
         access identity of an S3 origin behind origin access control, the AWS-specific parameter \
         types CloudFormation checks against the account, a parameter's minimum length and \
         constraint description, and single-statement policy documents",
        &[
            ("network.rs", "\"255.255.255.255/32\"", 1),
            (
                "network.rs",
                "\"Matches no traffic: removes the default allow-all egress rule\"",
                1,
            ),
            ("network.rs", "\"icmp\"", 1),
            ("network.rs", "252", 1),
            ("network.rs", "86", 1),
            ("global.rs", "\"\"", 1),
            ("parameters.rs", "\"AWS::Route53::HostedZone::Id\"", 1),
            ("parameters.rs", "\"AWS::EC2::VPC::Id\"", 1),
            ("parameters.rs", "\"AWS::EC2::Subnet::Id\"", 1),
            ("parameters.rs", "1", 1),
            ("parameters.rs", "\"must be {}\"", 1),
            ("policy.rs", "0", 1),
            ("policy.rs", "1", 1),
        ],
    ),
    (
        "the layout of the output directory",
        &[
            ("mod.rs", "\"cloudformation\"", 1),
            ("mod.rs", "\"manifest.json\"", 1),
            ("mod.rs", "\"{TEMPLATE_FOLDER}/{}\"", 1),
        ],
    ),
];

#[test]
fn the_lowering_writes_no_default_limit_or_name() {
    let problems = unexplained_literals(&repository().join("crates/cfn/src/lower"), SYNTAX);
    assert!(
        problems.is_empty(),
        "crates/cfn/src/lower writes literals this test does not know:\n  {}\n\
         A default, limit, name or AWS fact belongs in the plan (crates/plan/src/defaults.rs, \
         naming.rs, aws.rs or a plan field) and reaches the lowering through the plan. Only syntax \
         (an intrinsic, a key, a target idiom) is listed here, with why.",
        problems.join("\n  ")
    );
}

//! The application load balancer: its attributes and access logs, listeners (HTTPS with the plan's
//! certificate and TLS policy; HTTP redirecting to HTTPS), rules that forward (weighted across blue
//! and green for blue/green services) and Fargate target groups. It must not choose ports,
//! policies, priorities or health checks.

use meridian_plan::bug;
use meridian_plan::{
    Forward, ListenerAction, ListenerPlan, ListenerRulePlan, LoadBalancerPlan, Protocol,
    RedirectStatus, Rid, TargetGroupPlan, TargetHealth, Text, WeightedAlternate,
};

use crate::l1::elbv2::{
    self, Action, ActionType, Attribute, Certificate, FixedResponseConfig, ForwardConfig,
    HostHeaderConfig, Listener, ListenerRule, ListenerRuleAction, LoadBalancer, LoadBalancerScheme,
    LoadBalancerType, Matcher, PathPatternConfig, RedirectConfig, RedirectStatusCode,
    RuleCondition, TargetGroup, TargetType, WeightedTargetGroup,
};
use crate::l1::{Resource, Value};

use super::UnitTemplate;
use super::storage::lower_bucket;
use super::values::{attr_of, reference};

/// Adds the load balancer, its access-log bucket, listeners, rules and target groups.
pub(crate) fn lower_load_balancer(
    unit: &mut UnitTemplate<'_>,
    load_balancer: &LoadBalancerPlan,
    vpc_id: Option<&Text>,
) {
    let LoadBalancerPlan {
        rid,
        name,
        load_balancer_type,
        internal,
        drop_invalid_header_fields,
        subnets,
        security_group,
        idle_timeout_seconds,
        deletion_protection,
        access_logs,
        listeners,
        target_groups,
    } = load_balancer;
    let mut attributes = vec![
        attribute(
            "deletion_protection.enabled",
            deletion_protection.to_string(),
        ),
        attribute(
            "idle_timeout.timeout_seconds",
            idle_timeout_seconds.to_string(),
        ),
        attribute(
            "routing.http.drop_invalid_header_fields.enabled",
            drop_invalid_header_fields.to_string(),
        ),
    ];
    if let Some(bucket) = access_logs {
        lower_bucket(unit, bucket);
        // The attribute says whether logging is on: it is, since the plan gives a bucket.
        attributes.push(attribute(
            "access_logs.s3.enabled",
            access_logs.is_some().to_string(),
        ));
        attributes.push(attribute(
            "access_logs.s3.bucket",
            attr_of(&bucket.rid, meridian_plan::Attr::BucketName),
        ));
    }
    let properties = LoadBalancer {
        name: name.as_deref().map(Value::from),
        r#type: Some(match load_balancer_type {
            meridian_plan::LoadBalancerType::Application => LoadBalancerType::Application,
        }),
        scheme: Some(if *internal {
            LoadBalancerScheme::Internal
        } else {
            LoadBalancerScheme::InternetFacing
        }),
        subnets: unit.values.texts(subnets),
        security_groups: vec![attr_of(
            security_group,
            meridian_plan::Attr::SecurityGroupId,
        )],
        load_balancer_attributes: attributes,
        tags: unit.values.tags(None),
        ..LoadBalancer::default()
    };
    let mut resource = Resource::new(properties);
    if let Some(bucket) = access_logs {
        // Elastic Load Balancing checks that it may write to the bucket when access logs are
        // switched on, which fails until the bucket policy exists.
        resource = resource.depends_on(bucket.policy_rid.logical.clone());
    }
    unit.add(rid, resource);
    for target_group in target_groups {
        lower_target_groups(unit, target_group, vpc_id);
    }
    for listener in listeners {
        lower_listener(unit, rid, listener);
    }
}

fn protocol(protocol: Protocol) -> elbv2::Protocol {
    match protocol {
        Protocol::Http => elbv2::Protocol::Http,
        Protocol::Https => elbv2::Protocol::Https,
    }
}

fn lower_target_groups(
    unit: &mut UnitTemplate<'_>,
    target_group: &TargetGroupPlan,
    vpc_id: Option<&Text>,
) {
    let TargetGroupPlan {
        name: _,
        physical_name,
        alternate_physical_name,
        rid,
        alternate,
        target_type,
        port,
        protocol: target_protocol,
        health,
        deregistration_delay_seconds,
        service: _,
    } = target_group;
    let TargetHealth {
        enabled,
        path,
        interval_seconds,
        timeout_seconds,
        healthy_threshold,
        unhealthy_threshold,
        matcher,
    } = health;
    let vpc_id = vpc_id.unwrap_or_else(|| {
        bug(format_args!(
            "target group `{}` has no network",
            rid.logical
        ))
    });
    let properties = TargetGroup {
        name: physical_name.as_deref().map(Value::from),
        target_type: Some(match target_type {
            meridian_plan::TargetType::Ip => TargetType::Ip,
        }),
        protocol: Some(protocol(*target_protocol)),
        port: Some(i64::from(*port).into()),
        vpc_id: Some(unit.values.text(vpc_id)),
        health_check_enabled: Some((*enabled).into()),
        health_check_protocol: Some(protocol(*target_protocol)),
        health_check_path: Some(Value::from(path.as_str())),
        health_check_interval_seconds: Some(i64::from(*interval_seconds).into()),
        health_check_timeout_seconds: Some(i64::from(*timeout_seconds).into()),
        healthy_threshold_count: Some(i64::from(*healthy_threshold).into()),
        unhealthy_threshold_count: Some(i64::from(*unhealthy_threshold).into()),
        matcher: Some(Matcher {
            http_code: Some(Value::from(matcher.as_str())),
            grpc_code: None,
        }),
        target_group_attributes: vec![attribute(
            "deregistration_delay.timeout_seconds",
            deregistration_delay_seconds.to_string(),
        )],
        tags: unit.values.tags(None),
        ..TargetGroup::default()
    };
    // Blue and green are the same group twice: ECS moves the service between them.
    if let Some(alternate) = alternate {
        let green = TargetGroup {
            name: alternate_physical_name.as_deref().map(Value::from),
            ..properties.clone()
        };
        unit.add(alternate, Resource::new(green));
    }
    unit.add(rid, Resource::new(properties));
}

fn lower_listener(unit: &mut UnitTemplate<'_>, load_balancer: &Rid, listener: &ListenerPlan) {
    let ListenerPlan {
        rid,
        port,
        protocol: listener_protocol,
        certificates,
        ssl_policy,
        default_action,
        rules,
    } = listener;
    let default_action = match default_action {
        ListenerAction::Redirect {
            protocol: redirect_protocol,
            port,
            status,
        } => Action {
            redirect_config: Some(RedirectConfig {
                protocol: Some(Value::from(redirect_protocol.as_str())),
                port: Some(Value::from(port.to_string())),
                ..RedirectConfig::new(match status {
                    RedirectStatus::Permanent => RedirectStatusCode::Http301,
                })
            }),
            ..Action::new(ActionType::Redirect)
        },
        ListenerAction::FixedResponse {
            status,
            content_type,
        } => Action {
            fixed_response_config: Some(FixedResponseConfig {
                content_type: Some(Value::from(content_type.as_str())),
                ..FixedResponseConfig::new(status.to_string())
            }),
            ..Action::new(ActionType::FixedResponse)
        },
    };
    let properties = Listener {
        port: Some(i64::from(*port).into()),
        protocol: Some(protocol(*listener_protocol)),
        ssl_policy: ssl_policy.as_deref().map(Value::from),
        certificates: certificates
            .iter()
            .map(|certificate| Certificate {
                certificate_arn: Some(unit.values.text(certificate)),
            })
            .collect(),
        tags: unit.values.tags(None),
        ..Listener::new(reference(load_balancer), vec![default_action])
    };
    unit.add(rid, Resource::new(properties));
    for rule in rules {
        lower_rule(unit, rid, rule);
    }
}

fn lower_rule(unit: &mut UnitTemplate<'_>, listener: &Rid, rule: &ListenerRulePlan) {
    let ListenerRulePlan {
        rid,
        priority,
        hosts,
        paths,
        forward,
    } = rule;
    let mut conditions = Vec::new();
    if !hosts.is_empty() {
        conditions.push(RuleCondition {
            field: Some(Value::from("host-header")),
            host_header_config: Some(HostHeaderConfig {
                values: unit.values.texts(hosts),
                ..HostHeaderConfig::default()
            }),
            ..RuleCondition::default()
        });
    }
    if !paths.is_empty() {
        conditions.push(RuleCondition {
            field: Some(Value::from("path-pattern")),
            path_pattern_config: Some(PathPatternConfig {
                values: paths
                    .iter()
                    .map(|path| Value::from(path.as_str()))
                    .collect(),
                ..PathPatternConfig::default()
            }),
            ..RuleCondition::default()
        });
    }
    let Forward {
        target_group,
        alternate,
    } = forward;
    let action = match alternate {
        None => ListenerRuleAction {
            target_group_arn: Some(reference(target_group)),
            ..ListenerRuleAction::new(ActionType::Forward)
        },
        Some(WeightedAlternate {
            target_group: alternate,
            production_weight,
            alternate_weight,
        }) => ListenerRuleAction {
            forward_config: Some(ForwardConfig {
                target_groups: vec![
                    WeightedTargetGroup {
                        target_group_arn: Some(reference(target_group)),
                        weight: Some(i64::from(*production_weight).into()),
                    },
                    WeightedTargetGroup {
                        target_group_arn: Some(reference(alternate)),
                        weight: Some(i64::from(*alternate_weight).into()),
                    },
                ],
                target_group_stickiness_config: None,
            }),
            ..ListenerRuleAction::new(ActionType::Forward)
        },
    };
    unit.add(
        rid,
        Resource::new(ListenerRule {
            listener_arn: Some(reference(listener)),
            tags: unit.values.tags(None),
            ..ListenerRule::new(vec![action], i64::from(*priority), conditions)
        }),
    );
}

/// A load balancer or target group attribute, `{"Key": key, "Value": value}`.
fn attribute(key: &str, value: impl Into<Value<String>>) -> Attribute {
    Attribute {
        key: Some(Value::from(key)),
        value: Some(value.into()),
    }
}

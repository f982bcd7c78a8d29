//! A region's Application Load Balancer: the balancer (deletion protection, idle timeout, invalid headers
//! dropped, access logs), its access-log bucket, target groups of type `ip` (two for blue/green), listeners
//! with their default actions, and listener rules. A blue/green rule forwards with weights that ECS shifts
//! during deployments, so Terraform ignores later changes to its action. It decides no port, priority or
//! policy.

use meridian_plan::{
    Forward, ListenerAction, ListenerPlan, ListenerRulePlan, LoadBalancerPlan, TargetGroupPlan,
    TargetHealth, WeightedAlternate,
};

use super::{Lowered, Lowerer, depends_on, ignore_changes, region_argument};
use crate::l1::{
    Lb, LbAccessLogs, LbListener, LbListenerAction, LbListenerActionFixedResponse,
    LbListenerActionForward, LbListenerActionForwardTargetGroup, LbListenerActionRedirect,
    LbListenerRule, LbListenerRuleCondition, LbListenerRuleConditionValues, LbTargetGroup,
    LbTargetGroupHealthCheck, MetaArguments, ResourceRef, S3Bucket, S3BucketPolicy, SecurityGroup,
    Value,
};

impl Lowerer<'_> {
    /// The load balancer of `region` and everything attached to it.
    pub(super) fn lower_load_balancer(
        &mut self,
        region: &str,
        vpc_id: Option<Value<String>>,
        load_balancer: &LoadBalancerPlan,
    ) -> Lowered {
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
        let mut meta = MetaArguments::default();
        let access_logs_block = match access_logs {
            Some(bucket) => {
                self.lower_bucket(bucket, region)?;
                // Elastic Load Balancing checks that it may write to the bucket when logging is enabled.
                meta = depends_on(vec![
                    ResourceRef::<S3BucketPolicy>::planned(&bucket.policy_rid.tf)
                        .terraform_address(),
                ]);
                Some(LbAccessLogs {
                    // Logging is on: the plan gives a bucket.
                    enabled: Some(access_logs.is_some().into()),
                    ..LbAccessLogs::new(ResourceRef::<S3Bucket>::planned(&bucket.rid.tf).id())
                })
            }
            None => None,
        };
        let balancer = self.add_with(
            &rid.tf,
            Lb {
                access_logs: access_logs_block,
                drop_invalid_header_fields: Some((*drop_invalid_header_fields).into()),
                enable_deletion_protection: Some((*deletion_protection).into()),
                idle_timeout: Some((*idle_timeout_seconds).into()),
                internal: Some((*internal).into()),
                load_balancer_type: Some(load_balancer_type.as_str().into()),
                name: name.as_deref().map(Into::into),
                region: region_argument(region),
                security_groups: Some(
                    [ResourceRef::<SecurityGroup>::planned(&security_group.tf).id()]
                        .into_iter()
                        .collect(),
                ),
                subnets: Some(self.values(subnets)),
                ..Lb::default()
            },
            meta,
        )?;
        for target_group in target_groups {
            self.lower_target_group(region, vpc_id.clone(), target_group)?;
        }
        for listener in listeners {
            self.lower_listener(region, &balancer, listener)?;
        }
        Ok(())
    }

    fn lower_target_group(
        &mut self,
        region: &str,
        vpc_id: Option<Value<String>>,
        target_group: &TargetGroupPlan,
    ) -> Lowered {
        let TargetGroupPlan {
            // The entity and service names matter to the plan's wiring, not to the group itself.
            name: _,
            physical_name,
            alternate_physical_name,
            rid,
            alternate,
            target_type,
            port,
            protocol,
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
        let group = LbTargetGroup {
            deregistration_delay: Some(deregistration_delay_seconds.to_string().into()),
            health_check: Some(LbTargetGroupHealthCheck {
                enabled: Some((*enabled).into()),
                healthy_threshold: Some((*healthy_threshold).into()),
                interval: Some((*interval_seconds).into()),
                matcher: Some(matcher.into()),
                path: Some(path.into()),
                protocol: Some(protocol.as_str().into()),
                timeout: Some((*timeout_seconds).into()),
                unhealthy_threshold: Some((*unhealthy_threshold).into()),
                ..LbTargetGroupHealthCheck::default()
            }),
            name: physical_name.as_deref().map(Into::into),
            port: Some((*port).into()),
            protocol: Some(protocol.as_str().into()),
            region: region_argument(region),
            target_type: Some(target_type.as_str().into()),
            vpc_id,
            ..LbTargetGroup::default()
        };
        let green = alternate.as_ref().map(|alternate| {
            let green = LbTargetGroup {
                name: alternate_physical_name.as_deref().map(Into::into),
                ..group.clone()
            };
            (alternate, green)
        });
        self.add(&rid.tf, group)?;
        if let Some((alternate, green)) = green {
            self.add(&alternate.tf, green)?;
        }
        Ok(())
    }

    fn lower_listener(
        &mut self,
        region: &str,
        balancer: &ResourceRef<Lb>,
        listener: &ListenerPlan,
    ) -> Lowered {
        let ListenerPlan {
            rid,
            port,
            protocol,
            certificates,
            ssl_policy,
            default_action,
            rules,
        } = listener;
        let action = match default_action {
            ListenerAction::Redirect {
                protocol: redirect_protocol,
                port,
                status,
            } => LbListenerAction {
                redirect: Some(LbListenerActionRedirect {
                    port: Some(port.to_string().into()),
                    protocol: Some(redirect_protocol.as_str().into()),
                    ..LbListenerActionRedirect::new(status.as_str())
                }),
                ..LbListenerAction::new("redirect")
            },
            ListenerAction::FixedResponse {
                status,
                content_type,
            } => LbListenerAction {
                fixed_response: Some(LbListenerActionFixedResponse {
                    status_code: Some(status.to_string().into()),
                    ..LbListenerActionFixedResponse::new(content_type.as_str())
                }),
                ..LbListenerAction::new("fixed-response")
            },
        };
        // The plan allows one certificate per HTTPS listener (the listener's default certificate).
        let certificate = certificates
            .first()
            .map(|certificate| self.value(certificate));
        let handle = self.add(
            &rid.tf,
            LbListener {
                certificate_arn: certificate,
                port: Some((*port).into()),
                protocol: Some(protocol.as_str().into()),
                region: region_argument(region),
                ssl_policy: ssl_policy.as_ref().map(Into::into),
                ..LbListener::new(vec![action], balancer.arn())
            },
        )?;
        for rule in rules {
            self.lower_listener_rule(region, &handle, rule)?;
        }
        Ok(())
    }

    fn lower_listener_rule(
        &mut self,
        region: &str,
        listener: &ResourceRef<LbListener>,
        rule: &ListenerRulePlan,
    ) -> Lowered {
        let ListenerRulePlan {
            rid,
            priority,
            hosts,
            paths,
            forward,
        } = rule;
        let Forward {
            target_group,
            alternate,
        } = forward;
        let mut conditions = Vec::new();
        if !hosts.is_empty() {
            conditions.push(LbListenerRuleCondition {
                host_header: Some(LbListenerRuleConditionValues {
                    values: Some(self.values(hosts)),
                    ..LbListenerRuleConditionValues::default()
                }),
                ..LbListenerRuleCondition::default()
            });
        }
        if !paths.is_empty() {
            conditions.push(LbListenerRuleCondition {
                path_pattern: Some(LbListenerRuleConditionValues {
                    values: Some(paths.iter().map(String::as_str).collect()),
                    ..LbListenerRuleConditionValues::default()
                }),
                ..LbListenerRuleCondition::default()
            });
        }
        let production = ResourceRef::<LbTargetGroup>::planned(&target_group.tf).arn();
        let (action, meta) = match alternate {
            Some(WeightedAlternate {
                target_group: alternate,
                production_weight,
                alternate_weight,
            }) => (
                LbListenerAction {
                    forward: Some(LbListenerActionForward::new(vec![
                        LbListenerActionForwardTargetGroup {
                            weight: Some((*production_weight).into()),
                            ..LbListenerActionForwardTargetGroup::new(production)
                        },
                        LbListenerActionForwardTargetGroup {
                            weight: Some((*alternate_weight).into()),
                            ..LbListenerActionForwardTargetGroup::new(
                                ResourceRef::<LbTargetGroup>::planned(&alternate.tf).arn(),
                            )
                        },
                    ])),
                    ..LbListenerAction::new("forward")
                },
                // ECS shifts the weights on every blue/green deployment; Terraform must not shift them
                // back.
                MetaArguments {
                    lifecycle: Some(ignore_changes(&["action"])),
                    ..MetaArguments::default()
                },
            ),
            None => (
                LbListenerAction {
                    target_group_arn: Some(production.into()),
                    ..LbListenerAction::new("forward")
                },
                MetaArguments::default(),
            ),
        };
        self.add_with(
            &rid.tf,
            LbListenerRule {
                priority: Some((*priority).into()),
                region: region_argument(region),
                ..LbListenerRule::new(vec![action], conditions, listener.arn())
            },
            meta,
        )?;
        Ok(())
    }
}

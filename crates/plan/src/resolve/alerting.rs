//! Notification targets (E701 to E705) and the SNS topics, encrypted with a key of their own, that
//! carry alarms to them in every unit that has alarms.

use std::collections::BTreeMap;

use meridian_model::{AlertAction, AlertSeverity as Severity, Diagnostic, StackPath, codes};

use super::*;
use crate::aws;
use crate::defaults;
use crate::iam::KeyGrant;
use crate::ids::{Rid, UnitId};
use crate::naming::{self, pascal};
use crate::types::*;

/// A validated notification target.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub name: String,
    pub severities: Vec<Severity>,
    pub path: StackPath,
}

impl<'a> Resolver<'a> {
    pub(crate) fn resolve_notification_targets(&mut self) -> Vec<Target> {
        let stack = self.stack;
        let mut targets = Vec::new();
        let mut names: BTreeMap<&str, StackPath> = BTreeMap::new();
        for (index, target) in stack.notifications.iter().enumerate() {
            let path = StackPath::root().key("notifications").index(index);
            if !is_entity_name(&target.name, naming::limits::NOTIFICATION_TARGET_NAME) {
                self.report(
                    Diagnostic::new(codes::E701, path.key("name"), format!("`{}` is not a valid notification target name: lowercase letters, digits and single hyphens, starting with a letter, at most {} characters", target.name, naming::limits::NOTIFICATION_TARGET_NAME))
                        .with_help(format!("the name is part of the SNS topic name{}", entity_name_example(&target.name, naming::limits::NOTIFICATION_TARGET_NAME))),
                );
                continue;
            }
            if let Some(first) = names.get(target.name.as_str()) {
                self.report(
                    Diagnostic::new(
                        codes::E701,
                        path.key("name"),
                        format!(
                            "the notification target `{}` is declared twice",
                            target.name
                        ),
                    )
                    .with_help("merge the two, or rename one")
                    .with_related(first.clone(), "the first declaration"),
                );
                continue;
            }
            names.insert(&target.name, path.clone());
            if target.severities.is_empty() {
                self.report(
                    Diagnostic::new(
                        codes::E702,
                        path.key("severities"),
                        "the target takes no severity, so no alert would ever reach it",
                    )
                    .with_help("list the severities it receives, e.g. `[critical]`"),
                );
            }
            if target.email.is_empty() && target.https.is_empty() {
                self.report(
                    Diagnostic::new(codes::E703, path.clone(), format!("the notification target `{}` has no e-mail address and no HTTPS endpoint", target.name))
                        .with_help("add `email: [...]` or `https: [...]`"),
                );
            }
            for (email_index, email) in target.email.iter().enumerate() {
                if !email.contains("${") && !is_email(email) {
                    self.report(
                        Diagnostic::new(
                            codes::E704,
                            path.key("email").index(email_index),
                            format!("`{email}` is not an e-mail address"),
                        )
                        .with_help("write it like `oncall@example.com`, or use a `${PARAMETER}`"),
                    );
                }
            }
            for (url_index, url) in target.https.iter().enumerate() {
                if !url.contains("${") && !url.starts_with("https://") {
                    self.report(
                        Diagnostic::new(codes::E705, path.key("https").index(url_index), format!("`{url}` is not an HTTPS URL"))
                            .with_help("SNS delivers alerts over HTTPS only here: write `https://...`, or use a `${PARAMETER}`"),
                    );
                }
            }
            targets.push(Target {
                name: target.name.clone(),
                severities: target.severities.clone(),
                path,
            });
        }
        targets
    }

    /// The topics of `unit` that take any of `severities`.
    /// Where an alert goes: the topics of its severity, plus the on-call topics for
    /// `notify_on_call`, and the failover targets (or, without any, the on-call topics) for the
    /// failover actions.
    pub(crate) fn alert_topics(
        &mut self,
        unit: &UnitId,
        alert: &meridian_model::Alert,
        targets: &[Target],
    ) -> Vec<Rid> {
        let mut topics = self.topics_for(unit, &[alert.severity], targets);
        let failover_targets = self
            .stack
            .failover
            .as_ref()
            .map(|f| f.notify.clone())
            .unwrap_or_default();
        let extra = match alert.action {
            AlertAction::Notify | AlertAction::InvestigateNetwork => Vec::new(),
            AlertAction::NotifyOnCall => self.topics_for(unit, &[Severity::Critical], targets),
            AlertAction::InitiateFailover | AlertAction::FailoverIfPrimary => {
                if failover_targets.is_empty() {
                    self.topics_for(unit, &[Severity::Critical], targets)
                } else {
                    self.topics_named(unit, &failover_targets, targets)
                }
            }
        };
        for topic in extra {
            if !topics.contains(&topic) {
                topics.push(topic);
            }
        }
        topics
    }

    pub(crate) fn topics_for(
        &mut self,
        unit: &UnitId,
        severities: &[Severity],
        targets: &[Target],
    ) -> Vec<Rid> {
        targets
            .iter()
            .filter(|target| {
                target
                    .severities
                    .iter()
                    .any(|severity| severities.contains(severity))
            })
            .map(|target| self.topic_rid(unit, &target.name, &target.path))
            .collect()
    }

    /// The topics of `unit` for the named targets.
    pub(crate) fn topics_named(
        &mut self,
        unit: &UnitId,
        names: &[String],
        targets: &[Target],
    ) -> Vec<Rid> {
        targets
            .iter()
            .filter(|target| names.contains(&target.name))
            .map(|target| self.topic_rid(unit, &target.name, &target.path))
            .collect()
    }

    pub(crate) fn topic_rid(&mut self, unit: &UnitId, target: &str, path: &StackPath) -> Rid {
        // A region's topics live in its application unit, whichever unit's alarm asks.
        self.rid(
            &unit.id_namespace(),
            format!("{}Topic", pascal(target)),
            path,
        )
    }

    /// Builds the alerts key and one topic per target for a unit.
    pub(crate) fn alerting_for(&mut self, unit: &UnitId, targets: &[Target]) -> AlertingPlan {
        if targets.is_empty() {
            return AlertingPlan::default();
        }
        let global = *unit == UnitId::Global;
        let region = unit.region().map_or_else(
            || RegionCode::from(aws::global_region(&self.partition)),
            Clone::clone,
        );
        let path = StackPath::root().key("notifications");
        let key = KeyPlan {
            rid: self.rid(unit, "AlertsKey", &path),
            alias_rid: self.rid(unit, "AlertsKeyAlias", &path),
            alias: self
                .names
                .key_alias(if global { "alerts-global" } else { "alerts" }),
            description: format!(
                "Encrypts {}'s alert topics; CloudWatch may use it, which the AWS-managed aws/sns key does not allow",
                self.stack.stack
            ),
            policy: crate::iam::key_policy(&region, &[KeyGrant::CloudWatchAlarms]),
            rotation: defaults::KEY_ROTATION,
            retain: defaults::RETAIN_KEYS,
        };
        let stack = self.stack;
        let mut topics = Vec::new();
        for target in targets {
            let Some(model) = stack.notifications.iter().find(|n| n.name == target.name) else {
                continue;
            };
            let base = pascal(&target.name);
            let rid = self.topic_rid(unit, &target.name, &target.path);
            let mut subscriptions = Vec::new();
            for (index, email) in model.email.iter().enumerate() {
                let endpoint = self.text(
                    &target.path.key("email").index(index),
                    email,
                    TextContext {
                        unit,
                        kind: ParamKind::Email,
                        per_region: false,
                        references: ReferenceScope::None,
                    },
                );
                subscriptions.push(SubscriptionPlan {
                    rid: self.rid(
                        unit,
                        format!("{base}Email{}", pascal(&endpoint_label(email))),
                        &target.path.key("email").index(index),
                    ),
                    protocol: "email".to_owned(),
                    endpoint,
                });
            }
            for (index, url) in model.https.iter().enumerate() {
                let endpoint = self.text(
                    &target.path.key("https").index(index),
                    url,
                    TextContext {
                        unit,
                        kind: ParamKind::HttpsUrl,
                        per_region: false,
                        references: ReferenceScope::None,
                    },
                );
                subscriptions.push(SubscriptionPlan {
                    rid: self.rid(
                        unit,
                        format!("{base}Https{}", pascal(&endpoint_label(url))),
                        &target.path.key("https").index(index),
                    ),
                    protocol: "https".to_owned(),
                    endpoint,
                });
            }
            topics.push(TopicPlan {
                target: target.name.clone(),
                policy_rid: self.rid(unit, format!("{base}TopicPolicy"), &target.path),
                policy_statements: crate::iam::topic_policy(&region, &rid),
                name: self.names.topic(&target.name, global, region.as_str()),
                subscriptions,
                rid,
            });
        }
        AlertingPlan {
            key: Some(key),
            topics,
            alarms: Vec::new(),
            composites: Vec::new(),
        }
    }

    pub(crate) fn resolve_topics(
        &mut self,
        targets: &[Target],
        apps: &mut BTreeMap<RegionCode, AppPlan>,
    ) {
        for app in apps.values_mut() {
            let unit = app.unit.clone();
            app.alerting = self.alerting_for(&unit, targets);
        }
    }
}

/// A stable word for an endpoint: its parameter name, or its text without punctuation.
pub(crate) fn endpoint_label(endpoint: &str) -> String {
    let trimmed = endpoint.trim_start_matches("https://");
    let label: String = trimmed
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    label.chars().take(naming::limits::ENDPOINT_LABEL).collect()
}

pub(crate) fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(char::is_whitespace)
}

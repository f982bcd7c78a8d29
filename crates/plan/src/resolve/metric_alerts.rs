//! Alerts on any CloudWatch metric (`condition: metric`): one metric with its statistic or
//! percentile, or metric math over several, with dimensions that name the region's resources
//! (`${load_balancer}`, `${target_groups.NAME}`, `${services.NAME}`, `${cluster}`, `${database}`,
//! `${cache}`, `${region}`). Checks E736 to E740; the alarms themselves are built beside the
//! named conditions' in `alerts.rs`.

use meridian_model::suggest::closest;
use meridian_model::{
    AlertComparison, AlertCondition, AlertMath, AlertMetric, Diagnostic, StackPath, codes,
};

use super::*;
use crate::aws;
use crate::naming;
use crate::types::*;
use crate::value::{Attr, Placeholder, Text, parse_placeholders};

/// The references a dimension value may hold, as written.
const DIMENSION_REFERENCES: &[&str] = &[
    "load_balancer",
    "target_groups.NAME",
    "services.NAME",
    "cluster",
    "database",
    "cache",
    "region",
];

impl Resolver<'_> {
    /// Whether `metric`, `math` and `comparison` fit the condition, and the metric alert's
    /// metrics, statistics, dimensions and expression are valid (E736 to E740).
    pub(crate) fn check_metric_alert(
        &mut self,
        path: &StackPath,
        alert: &meridian_model::Alert,
    ) -> bool {
        if alert.condition != AlertCondition::Metric {
            let extra = [
                ("metric", alert.metric.is_some()),
                ("math", alert.math.is_some()),
                ("comparison", alert.comparison.is_some()),
            ];
            let mut valid = true;
            for (field, given) in extra {
                if given {
                    self.report(
                        Diagnostic::new(
                            codes::E736,
                            path.key(field),
                            format!("`{field}` is for `condition: metric`; the condition `{}` decides its own metric", condition_name(alert.condition)),
                        )
                        .with_help(format!("remove `{field}`, or write `condition: metric`")),
                    );
                    valid = false;
                }
            }
            return valid;
        }
        match (&alert.metric, &alert.math) {
            (Some(metric), None) => self.check_alert_metric(&path.key("metric"), metric),
            (None, Some(math)) => self.check_alert_math(&path.key("math"), math),
            (given_metric, _) => {
                let message = if given_metric.is_some() {
                    "`condition: metric` takes `metric` or `math`, not both"
                } else {
                    "`condition: metric` needs `metric` (one metric) or `math` (an expression over several)"
                };
                self.report(
                    Diagnostic::new(codes::E736, path.clone(), message).with_help(
                        "write `metric: {namespace, name, dimensions, statistic}`, or `math: {expression, metrics}`",
                    ),
                );
                false
            }
        }
    }

    /// One metric: names within CloudWatch's limits (E737), statistic (E738), dimensions
    /// (E737, E739).
    fn check_alert_metric(&mut self, path: &StackPath, metric: &AlertMetric) -> bool {
        let mut valid = true;
        for (field, value) in [("namespace", &metric.namespace), ("name", &metric.name)] {
            if value.is_empty() || value.chars().count() > aws::limits::METRIC_NAME {
                self.report(
                    Diagnostic::new(
                        codes::E737,
                        path.key(field),
                        format!(
                            "the metric {field} `{}` is empty or longer than {} characters",
                            meridian_model::text::shorten(value),
                            aws::limits::METRIC_NAME
                        ),
                    )
                    .with_help("write the namespace and name as CloudWatch lists them, e.g. `AWS/ApplicationELB` and `TargetResponseTime`"),
                );
                valid = false;
            }
        }
        if statistic(&metric.statistic).is_none() {
            self.report(
                Diagnostic::new(
                    codes::E738,
                    path.key("statistic"),
                    format!("`{}` is not a statistic an alarm takes", metric.statistic),
                )
                .with_help("use `Sum`, `Average`, `Minimum`, `Maximum`, `SampleCount` or a whole percentile from `p1` to `p99`, e.g. `p99`"),
            );
            valid = false;
        }
        if metric.dimensions.len() > aws::limits::METRIC_DIMENSIONS {
            self.report(
                Diagnostic::new(
                    codes::E737,
                    path.key("dimensions"),
                    format!(
                        "{} dimensions are more than a CloudWatch metric has ({})",
                        metric.dimensions.len(),
                        aws::limits::METRIC_DIMENSIONS
                    ),
                )
                .with_help("keep the dimensions that identify the metric"),
            );
            valid = false;
        }
        for (name, value) in &metric.dimensions {
            let at = path.key("dimensions").key(name);
            if name.is_empty()
                || name.chars().count() > aws::limits::METRIC_NAME
                || value.is_empty()
                || value.chars().count() > aws::limits::METRIC_DIMENSION_VALUE
            {
                self.report(
                    Diagnostic::new(
                        codes::E737,
                        at.clone(),
                        format!(
                            "the dimension `{}` has an empty or too long name or value",
                            meridian_model::text::shorten(name)
                        ),
                    )
                    .with_help(format!(
                        "dimension names take 1 to {} characters, values 1 to {}",
                        aws::limits::METRIC_NAME,
                        aws::limits::METRIC_DIMENSION_VALUE
                    )),
                );
                valid = false;
                continue;
            }
            valid &= self.check_dimension_value(&at, value);
        }
        valid
    }

    /// Every `${...}` of a dimension value names something the stack has (E739).
    fn check_dimension_value(&mut self, path: &StackPath, value: &str) -> bool {
        let pieces = match parse_placeholders(value) {
            Ok(pieces) => pieces,
            Err(problem) => {
                self.report(
                    Diagnostic::new(codes::E739, path.clone(), problem)
                        .with_help("close every `${` with `}`; write `$${` for a literal `${`"),
                );
                return false;
            }
        };
        let mut valid = true;
        for piece in pieces {
            let problem = match piece {
                Placeholder::Lit(_) => None,
                Placeholder::Param(name) => Some((
                    format!(
                        "`${{{name}}}` is a deploy-time parameter; alarm dimensions take only the region's resources"
                    ),
                    format!("use one of: {}", references_text()),
                )),
                Placeholder::Reference(reference) => self.dimension_reference_problem(reference),
            };
            if let Some((message, help)) = problem {
                self.report(Diagnostic::new(codes::E739, path.clone(), message).with_help(help));
                valid = false;
            }
        }
        valid
    }

    /// Why `reference` names nothing in this stack, with the help that fixes it.
    fn dimension_reference_problem(&self, reference: &str) -> Option<(String, String)> {
        let stack = self.stack;
        let (head, name) = match reference.split_once('.') {
            Some((head, name)) => (head, Some(name)),
            None => (reference, None),
        };
        let named = |kind: &str, names: Vec<&str>| -> Option<(String, String)> {
            let Some(name) = name else {
                return Some((
                    format!("`${{{reference}}}` names no {kind}"),
                    format!("write `${{{head}.NAME}}` with one of: {}", names.join(", ")),
                ));
            };
            if names.contains(&name) {
                return None;
            }
            let help = match closest(name, names.iter().copied()) {
                Some(suggestion) => format!("did you mean `${{{head}.{suggestion}}}`?"),
                None if names.is_empty() => format!("the stack has no {kind}"),
                None => format!("the stack's {kind}s: {}", names.join(", ")),
            };
            Some((
                format!("`${{{reference}}}` names no {kind} of the stack"),
                help,
            ))
        };
        let absent = |what: &str, field: &str| {
            Some((
                format!("`${{{reference}}}` refers to {what}, which this stack does not have"),
                format!("add `{field}`, or remove the dimension"),
            ))
        };
        match (head, name) {
            ("load_balancer", None) if stack.load_balancer.is_none() => {
                absent("the load balancer", "load_balancer")
            }
            ("cluster", None) if stack.services.is_empty() => absent("the ECS cluster", "services"),
            ("database", None) if stack.database.is_none() => absent("the database", "database"),
            ("cache", None) if stack.cache.is_none() => absent("the cache", "cache"),
            ("load_balancer" | "cluster" | "database" | "cache" | "region", None) => None,
            ("target_groups", _) => named(
                "target group",
                stack
                    .all_load_balancers()
                    .flat_map(|(_, lb)| &lb.target_groups)
                    .map(|group| group.name.as_str())
                    .collect(),
            ),
            ("services", _) => named(
                "service",
                stack
                    .services
                    .iter()
                    .map(|service| service.name.as_str())
                    .collect(),
            ),
            _ => {
                let known: Vec<&str> = DIMENSION_REFERENCES
                    .iter()
                    .map(|known| known.split('.').next().unwrap_or(known))
                    .collect();
                let help = match closest(head, known.iter().copied()) {
                    Some(suggestion) if suggestion != head => {
                        format!(
                            "did you mean `${{{suggestion}}}`? Alarm dimensions take: {}",
                            references_text()
                        )
                    }
                    _ => format!("alarm dimensions take: {}", references_text()),
                };
                Some((
                    format!("`${{{reference}}}` is not a reference an alarm dimension takes"),
                    help,
                ))
            }
        }
    }

    /// Metric math: the metrics' names and count, the expression (E740), and each metric.
    fn check_alert_math(&mut self, path: &StackPath, math: &AlertMath) -> bool {
        let mut valid = true;
        // The expression's own query counts among an alarm's metrics.
        let most = aws::limits::ALARM_METRICS - 1;
        if math.metrics.is_empty() || math.metrics.len() > most {
            self.report(
                Diagnostic::new(
                    codes::E740,
                    path.key("metrics"),
                    format!("metric math over {} metrics: an alarm takes 1 to {most} besides the expression", math.metrics.len()),
                )
                .with_help("name the metrics the expression reads"),
            );
            valid = false;
        }
        if math.expression.trim().is_empty()
            || math.expression.chars().count() > aws::limits::METRIC_MATH_EXPRESSION
        {
            self.report(
                Diagnostic::new(
                    codes::E740,
                    path.key("expression"),
                    format!(
                        "the expression is empty or longer than {} characters",
                        aws::limits::METRIC_MATH_EXPRESSION
                    ),
                )
                .with_help("write an expression over the metrics' names, e.g. `IF(requests > 0, errors / requests, 0)`"),
            );
            valid = false;
        }
        for (name, metric) in &math.metrics {
            let at = path.key("metrics").key(name);
            if !naming::is_metric_math_id(name) || name == naming::METRIC_MATH_RESULT_ID {
                self.report(
                    Diagnostic::new(
                        codes::E740,
                        at.clone(),
                        format!("`{name}` is not a metric math name"),
                    )
                    .with_help(format!(
                        "start with a lowercase letter, then letters, digits and `_` (and not `{}`, the expression's own)",
                        naming::METRIC_MATH_RESULT_ID
                    )),
                );
                valid = false;
            } else if !expression_names(&math.expression).any(|word| word == name) {
                self.report(
                    Diagnostic::new(
                        codes::E740,
                        at.clone(),
                        format!("the expression does not read the metric `{name}`"),
                    )
                    .with_help("use the metric in `expression`, or remove it"),
                );
                valid = false;
            }
            valid &= self.check_alert_metric(&at, metric);
        }
        valid
    }

    /// The measure of a `condition: metric` alert in the region of `app`, when every resource
    /// its dimensions name is there (the region's own database, cache, target group...).
    pub(crate) fn metric_measures(
        &self,
        alert: &meridian_model::Alert,
        app: &AppPlan,
        threshold: f64,
    ) -> Vec<Measure> {
        let Some(region) = app.unit.region() else {
            return Vec::new();
        };
        let stat = |metric: &AlertMetric| -> Option<MetricStat> {
            Some(MetricStat {
                namespace: metric.namespace.clone(),
                metric: metric.name.clone(),
                dimensions: metric
                    .dimensions
                    .iter()
                    .map(|(name, value)| {
                        Some((name.clone(), self.dimension_text(value, app, region)?))
                    })
                    .collect::<Option<Vec<_>>>()?,
                stat: statistic(&metric.statistic)?,
            })
        };
        let (metric, what) = match (&alert.metric, &alert.math) {
            (Some(metric), _) => {
                let Some(single) = stat(metric) else {
                    return Vec::new();
                };
                (
                    AlarmMetric::Single(single),
                    format!(
                        "{} ({}) of {}",
                        metric.name, metric.statistic, metric.namespace
                    ),
                )
            }
            (None, Some(math)) => {
                let inputs: Option<Vec<(String, MetricStat)>> = math
                    .metrics
                    .iter()
                    .map(|(name, metric)| Some((name.clone(), stat(metric)?)))
                    .collect();
                let Some(inputs) = inputs else {
                    return Vec::new();
                };
                (
                    AlarmMetric::Math {
                        result_id: naming::METRIC_MATH_RESULT_ID.to_owned(),
                        expression: math.expression.clone(),
                        label: math.label.clone().unwrap_or_else(|| alert.name.clone()),
                        inputs,
                    },
                    math.expression.clone(),
                )
            }
            (None, None) => return Vec::new(),
        };
        let comparison = alert_comparison(alert);
        vec![Measure {
            service: None,
            part: None,
            unit: None,
            what: format!("{what} {} {threshold}", comparison_words(comparison)),
            metric,
            threshold,
        }]
    }

    /// A dimension value in `region`, `None` when a resource it names is not there.
    fn dimension_text(&self, value: &str, app: &AppPlan, region: &RegionCode) -> Option<Text> {
        let mut text = Text::lit("");
        for piece in parse_placeholders(value).ok()? {
            let part = match piece {
                Placeholder::Lit(literal) => Text::lit(literal),
                Placeholder::Param(_) => return None,
                Placeholder::Reference(reference) => {
                    let (head, name) = match reference.split_once('.') {
                        Some((head, name)) => (head, Some(name)),
                        None => (reference, None),
                    };
                    match (head, name) {
                        ("load_balancer", None) => {
                            Text::attr(&app.load_balancer.as_ref()?.rid, Attr::LoadBalancerFullName)
                        }
                        ("target_groups", Some(name)) => {
                            let group = app
                                .all_load_balancers()
                                .flat_map(|lb| &lb.target_groups)
                                .find(|group| group.name == name)?;
                            Text::attr(&group.rid, Attr::TargetGroupFullName)
                        }
                        ("services", Some(name)) => Text::lit(
                            app.services
                                .iter()
                                .find(|service| service.name == name)?
                                .service_name
                                .clone(),
                        ),
                        ("cluster", None) => {
                            app.cluster.as_ref()?;
                            Text::lit(self.names.cluster(region))
                        }
                        ("database", None) => Text::lit(app.database.as_ref()?.identifier.clone()),
                        ("cache", None) => {
                            Text::lit(app.cache.as_ref()?.replication_group_id.clone())
                        }
                        ("region", None) => Text::lit(region.as_str()),
                        _ => return None,
                    }
                }
            };
            text = text.concat(&part);
        }
        Some(text)
    }
}

/// The statistic written `text`: CloudWatch's five, or a whole percentile `p1` to `p99`.
fn statistic(text: &str) -> Option<Statistic> {
    match text {
        "Sum" => Some(Statistic::Sum),
        "Average" => Some(Statistic::Average),
        "Minimum" => Some(Statistic::Minimum),
        "Maximum" => Some(Statistic::Maximum),
        "SampleCount" => Some(Statistic::SampleCount),
        _ => text
            .strip_prefix('p')
            .and_then(|value| value.parse::<u8>().ok())
            .filter(|value| (1..=99).contains(value))
            .map(Statistic::Percentile),
    }
}

/// The comparison an alert's alarms make: the written one for `condition: metric`, `>` for
/// every named condition.
pub(crate) fn alert_comparison(alert: &meridian_model::Alert) -> Comparison {
    match alert.comparison {
        Some(AlertComparison::GreaterThan) | None => Comparison::GreaterThan,
        Some(AlertComparison::GreaterThanOrEqual) => Comparison::GreaterThanOrEqual,
        Some(AlertComparison::LessThan) => Comparison::LessThan,
        Some(AlertComparison::LessThanOrEqual) => Comparison::LessThanOrEqual,
    }
}

fn comparison_words(comparison: Comparison) -> &'static str {
    match comparison {
        Comparison::GreaterThan => "above",
        Comparison::GreaterThanOrEqual => "at or above",
        Comparison::LessThan => "below",
        Comparison::LessThanOrEqual => "at or below",
    }
}

/// The words of a metric math expression that could name a metric.
fn expression_names(expression: &str) -> impl Iterator<Item = &str> {
    expression
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|word| !word.is_empty())
}

fn references_text() -> String {
    DIMENSION_REFERENCES
        .iter()
        .map(|reference| format!("`${{{reference}}}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

//! Cross-region CloudWatch dashboards: one widget per metric and region that has a source for it
//! (E720 to E724).

use std::collections::BTreeMap;

use meridian_model::{Diagnostic, StackPath, WidgetMetric, codes};

use super::*;
use crate::aws;
use crate::defaults;
use crate::ids::UnitId;
use crate::naming::pascal;
use crate::types::*;
use crate::value::{Attr, AttrRef, Text};

impl<'a> Resolver<'a> {
    pub(crate) fn resolve_dashboards(
        &mut self,
        unit: &UnitId,
        regions: &Regions<'_>,
        routed: &Routed<'_>,
    ) -> Vec<DashboardPlan> {
        let stack = self.stack;
        let mut names: BTreeMap<&str, StackPath> = BTreeMap::new();
        let mut plans = Vec::new();
        for (index, dashboard) in stack.dashboards.iter().enumerate() {
            let path = StackPath::root().key("dashboards").index(index);
            let name_ok = !dashboard.name.is_empty()
                && dashboard.name.len() <= 255
                && dashboard
                    .name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !name_ok {
                self.report(
                    Diagnostic::new(
                        codes::E720,
                        path.key("name"),
                        format!("`{}` is not a valid dashboard name", dashboard.name),
                    )
                    .with_help("use letters, digits, `-` and `_`, at most 255 characters"),
                );
                continue;
            }
            if !self.claim_name(
                &mut names,
                &dashboard.name,
                &path,
                codes::E720,
                "dashboard",
                "dashboard names are unique in an account",
            ) {
                continue;
            }
            if dashboard.widgets.is_empty() {
                self.report(
                    Diagnostic::new(
                        codes::E721,
                        path.key("widgets"),
                        "the dashboard has no widget",
                    )
                    .with_help("add widgets such as `{title: Latency by Region, metric: latency}`"),
                );
                continue;
            }
            let mut widgets = Vec::new();
            let mut valid = true;
            for (widget_index, widget) in dashboard.widgets.iter().enumerate() {
                let widget_path = path.key("widgets").index(widget_index);
                let (namespace, metric, natural_stat, needs) = match widget.metric {
                    WidgetMetric::RequestCount => (
                        "AWS/ApplicationELB",
                        "RequestCount",
                        Statistic::Sum,
                        "load_balancer",
                    ),
                    WidgetMetric::Latency => (
                        "AWS/ApplicationELB",
                        "TargetResponseTime",
                        Statistic::Percentile(95),
                        "load_balancer",
                    ),
                    WidgetMetric::Http5xx => (
                        "AWS/ApplicationELB",
                        "HTTPCode_Target_5XX_Count",
                        Statistic::Sum,
                        "load_balancer",
                    ),
                    WidgetMetric::ReplicaLag => {
                        ("AWS/RDS", "ReplicaLag", Statistic::Maximum, "read replicas")
                    }
                    WidgetMetric::DatabaseConnections => (
                        "AWS/RDS",
                        "DatabaseConnections",
                        Statistic::Average,
                        "database",
                    ),
                    WidgetMetric::ServiceCpu => {
                        ("AWS/ECS", "CPUUtilization", Statistic::Average, "services")
                    }
                };
                let stat = widget
                    .stat
                    .clone()
                    .unwrap_or_else(|| natural_stat.to_string());
                if !is_statistic(&stat) {
                    self.report(
                        Diagnostic::new(codes::E722, widget_path.key("stat"), format!("`{stat}` is not a CloudWatch statistic"))
                            .with_help("use Sum, Average, Minimum, Maximum, SampleCount or a percentile such as p95 or p99.9"),
                    );
                    valid = false;
                }
                let period = widget
                    .period_seconds
                    .unwrap_or(defaults::WIDGET_PERIOD_SECONDS);
                if !aws::is_valid_cloudwatch_period(period) {
                    self.report(
                        Diagnostic::new(
                            codes::E723,
                            widget_path.key("period_seconds"),
                            format!("{period} s is not a CloudWatch period"),
                        )
                        .with_help("use 10, 30 or a multiple of 60"),
                    );
                    valid = false;
                }
                let mut lines = Vec::new();
                for region in regions.iter() {
                    if region.role == RegionRole::StorageOnly {
                        continue;
                    }
                    let producer = UnitId::Region(region.code.clone());
                    let options = JsonDoc::Object(vec![
                        (
                            "region".to_owned(),
                            JsonDoc::String(Text::lit(region.code.clone())),
                        ),
                        (
                            "label".to_owned(),
                            JsonDoc::String(Text::lit(region.code.clone())),
                        ),
                    ]);
                    let mut line = |dimensions: Vec<(String, Text)>| {
                        let mut items = vec![
                            JsonDoc::String(Text::lit(namespace)),
                            JsonDoc::String(Text::lit(metric)),
                        ];
                        for (name, value) in dimensions {
                            items.push(JsonDoc::String(Text::lit(name)));
                            items.push(JsonDoc::String(value));
                        }
                        items.push(options.clone());
                        lines.push(JsonDoc::Array(items));
                    };
                    match widget.metric {
                        WidgetMetric::RequestCount
                        | WidgetMetric::Latency
                        | WidgetMetric::Http5xx => {
                            if let Some(lb) =
                                routed.load_balancers.by_region.get(&region.code).cloned()
                            {
                                let full_name = self.value_from(
                                    unit,
                                    &producer,
                                    "LoadBalancerFullName",
                                    "Load balancer name as CloudWatch metrics know it",
                                    AttrRef {
                                        resource: lb,
                                        attr: Attr::LoadBalancerFullName,
                                    },
                                );
                                line(vec![("LoadBalancer".to_owned(), full_name)]);
                            }
                        }
                        WidgetMetric::ReplicaLag => {
                            if routed.database.by_region.contains_key(&region.code)
                                && Some(&region.code) != regions.primary.as_ref()
                            {
                                line(vec![(
                                    "DBInstanceIdentifier".to_owned(),
                                    Text::lit(self.names.db_instance(&region.code)),
                                )]);
                            }
                        }
                        WidgetMetric::DatabaseConnections => {
                            if routed.database.by_region.contains_key(&region.code) {
                                line(vec![(
                                    "DBInstanceIdentifier".to_owned(),
                                    Text::lit(self.names.db_instance(&region.code)),
                                )]);
                            }
                        }
                        WidgetMetric::ServiceCpu => {
                            for service in &routed.services.names {
                                line(vec![
                                    (
                                        "ClusterName".to_owned(),
                                        Text::lit(self.names.cluster(&region.code)),
                                    ),
                                    (
                                        "ServiceName".to_owned(),
                                        Text::lit(self.names.service(service)),
                                    ),
                                ]);
                            }
                        }
                    }
                }
                let available = match widget.metric {
                    WidgetMetric::RequestCount | WidgetMetric::Latency | WidgetMetric::Http5xx => {
                        stack.load_balancer.is_some()
                    }
                    WidgetMetric::ReplicaLag => stack
                        .database
                        .as_ref()
                        .is_some_and(|d| !d.read_replicas.is_empty()),
                    WidgetMetric::DatabaseConnections => stack.database.is_some(),
                    WidgetMetric::ServiceCpu => !stack.services.is_empty(),
                };
                if !available {
                    self.report(
                        Diagnostic::new(codes::E724, widget_path.key("metric"), format!("the widget shows a metric of the {needs}, which no region of this stack has"))
                            .with_help("remove the widget, or add what it watches"),
                    );
                    valid = false;
                    continue;
                }
                let x = i64::try_from((widget_index % 2) * 12).unwrap_or(0);
                let y = i64::try_from((widget_index / 2) * 6).unwrap_or(0);
                widgets.push(JsonDoc::Object(vec![
                    ("type".to_owned(), JsonDoc::String(Text::lit("metric"))),
                    ("x".to_owned(), JsonDoc::Number(x)),
                    ("y".to_owned(), JsonDoc::Number(y)),
                    ("width".to_owned(), JsonDoc::Number(12)),
                    ("height".to_owned(), JsonDoc::Number(6)),
                    (
                        "properties".to_owned(),
                        JsonDoc::Object(vec![
                            (
                                "title".to_owned(),
                                JsonDoc::String(Text::lit(widget.title.clone())),
                            ),
                            ("view".to_owned(), JsonDoc::String(Text::lit("timeSeries"))),
                            (
                                "region".to_owned(),
                                JsonDoc::String(Text::lit(aws::global_region(&self.partition))),
                            ),
                            ("stat".to_owned(), JsonDoc::String(Text::lit(stat))),
                            ("period".to_owned(), JsonDoc::Number(i64::from(period))),
                            ("metrics".to_owned(), JsonDoc::Array(lines)),
                        ]),
                    ),
                ]));
            }
            if !valid {
                continue;
            }
            plans.push(DashboardPlan {
                rid: self.rid(unit, format!("{}Dashboard", pascal(&dashboard.name)), &path),
                name: dashboard.name.clone(),
                body: JsonDoc::Object(vec![("widgets".to_owned(), JsonDoc::Array(widgets))]),
            });
        }
        plans
    }
}

pub(crate) fn is_statistic(stat: &str) -> bool {
    matches!(
        stat,
        "Sum" | "Average" | "Minimum" | "Maximum" | "SampleCount"
    ) || stat
        .strip_prefix('p')
        .and_then(|value| value.parse::<f64>().ok())
        .is_some_and(|value| value > 0.0 && value < 100.0)
}

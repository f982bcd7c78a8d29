//! Cross-region CloudWatch dashboards: one widget per metric and region that has a source for it
//! (E720 to E724).

use std::collections::BTreeMap;

use meridian_model::{Diagnostic, Stack, StackPath, Widget, WidgetMetric, codes};

use super::*;
use crate::aws;
use crate::defaults;
use crate::ids::UnitId;
use crate::naming::{self, pascal};
use crate::types::*;
use crate::value::{Attr, AttrRef, Text};

/// Where a widget's metric comes from, and what the stack needs to have one.
struct MetricSource {
    namespace: &'static str,
    metric: &'static str,
    natural_stat: Statistic,
    needs: &'static str,
}

fn metric_source(metric: WidgetMetric) -> MetricSource {
    let (namespace, metric, natural_stat, needs) = match metric {
        WidgetMetric::RequestCount => (
            "AWS/ApplicationELB",
            "RequestCount",
            Statistic::Sum,
            "load_balancer",
        ),
        WidgetMetric::Latency => (
            "AWS/ApplicationELB",
            "TargetResponseTime",
            defaults::LATENCY_STATISTIC,
            "load_balancer",
        ),
        WidgetMetric::Http5xx => (
            "AWS/ApplicationELB",
            "HTTPCode_Target_5XX_Count",
            Statistic::Sum,
            "load_balancer",
        ),
        WidgetMetric::ReplicaLag => ("AWS/RDS", "ReplicaLag", Statistic::Maximum, "read replicas"),
        WidgetMetric::DatabaseConnections => (
            "AWS/RDS",
            "DatabaseConnections",
            Statistic::Average,
            "database",
        ),
        WidgetMetric::ServiceCpu => ("AWS/ECS", "CPUUtilization", Statistic::Average, "services"),
    };
    MetricSource {
        namespace,
        metric,
        natural_stat,
        needs,
    }
}

/// Whether any region of the stack has a source for the metric.
fn metric_available(stack: &Stack, metric: WidgetMetric) -> bool {
    match metric {
        WidgetMetric::RequestCount | WidgetMetric::Latency | WidgetMetric::Http5xx => {
            stack.load_balancer.is_some()
        }
        WidgetMetric::ReplicaLag => stack
            .database
            .as_ref()
            .is_some_and(|d| !d.read_replicas.is_empty()),
        WidgetMetric::DatabaseConnections => stack.database.is_some(),
        WidgetMetric::ServiceCpu => !stack.services.is_empty(),
    }
}

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
            if let Some(problem) = naming::name_problem(&dashboard.name, naming::limits::DASHBOARD)
            {
                self.report(
                    Diagnostic::new(
                        codes::E720,
                        path.key("name"),
                        format!("`{}` is not a valid dashboard name: {problem}", dashboard.name),
                    )
                    .with_help(format!(
                        "use letters, digits, `-` and `_`, starting with a letter, at most {} characters",
                        naming::limits::DASHBOARD
                    )),
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
                match self.dashboard_widget(
                    unit,
                    regions,
                    routed,
                    widget,
                    widget_index,
                    &widget_path,
                ) {
                    Some(doc) => widgets.push(doc),
                    None => valid = false,
                }
            }
            if !valid {
                continue;
            }
            plans.push(DashboardPlan {
                rid: self.rid(unit, format!("{}Dashboard", pascal(&dashboard.name)), &path),
                name: self.names.dashboard(&dashboard.name),
                body: JsonDoc::Object(vec![("widgets".to_owned(), JsonDoc::Array(widgets))]),
            });
        }
        plans
    }

    /// One widget, or `None` after reporting why it cannot be drawn.
    fn dashboard_widget(
        &mut self,
        unit: &UnitId,
        regions: &Regions<'_>,
        routed: &Routed<'_>,
        widget: &Widget,
        widget_index: usize,
        widget_path: &StackPath,
    ) -> Option<JsonDoc> {
        let source = metric_source(widget.metric);
        let mut valid = true;
        let stat = widget
            .stat
            .clone()
            .unwrap_or_else(|| source.natural_stat.to_string());
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
        let lines = self.widget_lines(unit, regions, routed, widget.metric, &source);
        if !metric_available(self.stack, widget.metric) {
            self.report(
                Diagnostic::new(
                    codes::E724,
                    widget_path.key("metric"),
                    format!(
                        "the widget shows a metric of the {}, which no region of this stack has",
                        source.needs
                    ),
                )
                .with_help("remove the widget, or add what it watches"),
            );
            return None;
        }
        if !valid {
            return None;
        }
        let per_row = defaults::WIDGETS_PER_ROW;
        let width = aws::limits::DASHBOARD_GRID_COLUMNS / per_row;
        let height = defaults::WIDGET_HEIGHT;
        let column = u32::try_from(widget_index).unwrap_or(u32::MAX) % per_row;
        let row = u32::try_from(widget_index).unwrap_or(u32::MAX) / per_row;
        let x = i64::from(column * width);
        let y = i64::from(row.saturating_mul(height));
        Some(JsonDoc::Object(vec![
            ("type".to_owned(), JsonDoc::String(Text::lit("metric"))),
            ("x".to_owned(), JsonDoc::Number(x)),
            ("y".to_owned(), JsonDoc::Number(y)),
            ("width".to_owned(), JsonDoc::Number(i64::from(width))),
            ("height".to_owned(), JsonDoc::Number(i64::from(height))),
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
        ]))
    }

    /// One metric line per region (and service) that has a source for the metric.
    fn widget_lines(
        &mut self,
        unit: &UnitId,
        regions: &Regions<'_>,
        routed: &Routed<'_>,
        metric: WidgetMetric,
        source: &MetricSource,
    ) -> Vec<JsonDoc> {
        let mut lines = Vec::new();
        for region in regions.iter() {
            if region.role == RegionRole::StorageOnly {
                continue;
            }
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
            for dimensions in self.widget_dimensions(unit, regions, routed, metric, &region.code) {
                let mut items = vec![
                    JsonDoc::String(Text::lit(source.namespace)),
                    JsonDoc::String(Text::lit(source.metric)),
                ];
                for (name, value) in dimensions {
                    items.push(JsonDoc::String(Text::lit(name)));
                    items.push(JsonDoc::String(value));
                }
                items.push(options.clone());
                lines.push(JsonDoc::Array(items));
            }
        }
        lines
    }

    /// The dimensions of each line the region contributes to a widget of `metric`.
    fn widget_dimensions(
        &mut self,
        unit: &UnitId,
        regions: &Regions<'_>,
        routed: &Routed<'_>,
        metric: WidgetMetric,
        code: &RegionCode,
    ) -> Vec<Vec<(String, Text)>> {
        let producer = UnitId::Region(code.into());
        match metric {
            WidgetMetric::RequestCount | WidgetMetric::Latency | WidgetMetric::Http5xx => {
                let Some(lb) = routed.load_balancers.by_region.get(code).cloned() else {
                    return Vec::new();
                };
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
                vec![vec![("LoadBalancer".to_owned(), full_name)]]
            }
            WidgetMetric::ReplicaLag => {
                if routed.database.by_region.contains_key(code)
                    && Some(code) != regions.primary.as_ref()
                {
                    vec![vec![(
                        "DBInstanceIdentifier".to_owned(),
                        Text::lit(self.names.db_instance(code)),
                    )]]
                } else {
                    Vec::new()
                }
            }
            WidgetMetric::DatabaseConnections => {
                if routed.database.by_region.contains_key(code) {
                    vec![vec![(
                        "DBInstanceIdentifier".to_owned(),
                        Text::lit(self.names.db_instance(code)),
                    )]]
                } else {
                    Vec::new()
                }
            }
            WidgetMetric::ServiceCpu => routed
                .services
                .regions
                .get(code)
                .into_iter()
                .flatten()
                .map(|service| {
                    vec![
                        (
                            "ClusterName".to_owned(),
                            Text::lit(self.names.cluster(code)),
                        ),
                        (
                            "ServiceName".to_owned(),
                            Text::lit(self.names.service(service, code)),
                        ),
                    ]
                })
                .collect(),
        }
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

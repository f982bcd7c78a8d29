//! Lowering: a resolved [`Plan`] becomes one CloudFormation template per deployment unit and a
//! deployment manifest. It translates what the plan decided into CloudFormation idioms and must not
//! decide names, IDs, defaults or which resources exist.

mod accelerator;
mod alerting;
mod cache;
mod database;
mod failover;
mod global;
mod keys;
mod load_balancer;
mod manifest;
mod network;
mod overrides;
mod parameters;
mod policy;
mod rewrite;
mod services;
mod split;
mod storage;
mod values;

use std::collections::BTreeMap;
use std::sync::Mutex;

use meridian_plan::aws::limits;
use meridian_plan::bug;
use meridian_plan::{AppPlan, OutputFile, Plan, RegionPlan, Rid, Unit, UnitId};

use crate::l1::{Resource, Template};

use values::Values;

/// Folder of the templates in the output directory.
pub const TEMPLATE_FOLDER: &str = "cloudformation";

/// Path of the deployment manifest in the output directory.
pub const MANIFEST_PATH: &str = "manifest.json";

/// The CloudFormation files of a plan, in deploy order: `cloudformation/<template_file>` for
/// every unit, then `manifest.json`.
pub fn synthesize(plan: &Plan) -> Vec<OutputFile> {
    try_synthesize(plan).unwrap_or_else(|problems| {
        bug(format_args!(
            "{}",
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        ))
    })
}

/// A template beyond one of CloudFormation's quotas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaProblem {
    /// The stack whose template it is.
    pub stack_name: String,
    /// What is counted: resources, outputs, parameters, mappings, bytes.
    pub what: &'static str,
    /// How many the template holds.
    pub count: usize,
    /// How many CloudFormation accepts.
    pub limit: usize,
}

impl std::fmt::Display for QuotaProblem {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            formatter,
            "the template of {} would hold {} {}, and CloudFormation accepts at most {}",
            self.stack_name, self.count, self.what, self.limit
        )
    }
}

/// [`synthesize`], checking every template against CloudFormation's quotas on what it holds
/// and on its size as written (`aws::limits::CFN_*`): the plan splits regions so that none is
/// beyond them, and this is the check that no template that is ships.
pub fn try_synthesize(plan: &Plan) -> Result<Vec<OutputFile>, Vec<QuotaProblem>> {
    let lowering = Lowering::new(plan);
    let mut scratch = Vec::new();
    let pieces = std::iter::from_fn(|| lowering.next_piece(&mut scratch)).collect();
    lowering.finish(pieces)
}

/// [`try_synthesize`] in pieces that several threads can take from one queue: a piece is a
/// unit, or a region's application unit with the services units it is divided into (which only
/// its lowering can fill). Pieces are independent; [`Lowering::finish`] puts every template back
/// in deploy order and writes the manifest, so the files and the quota problems are those of
/// [`try_synthesize`] whichever thread lowered what.
#[derive(Debug)]
pub struct Lowering<'p> {
    plan: &'p Plan,
    /// The pieces not taken yet: positions in `plan.units` of each piece's units, in deploy
    /// order.
    queue: Mutex<std::vec::IntoIter<Vec<usize>>>,
}

/// The templates of one piece of a [`Lowering`].
#[derive(Debug)]
pub struct LoweredPiece<'p> {
    /// Each unit's position in deploy order, its template, and what of it is beyond a quota.
    units: Vec<(usize, manifest::Rendered<'p>, Vec<QuotaProblem>)>,
}

impl LoweredPiece<'_> {
    /// The piece's templates as files, taken out of it: a caller that writes each file as it
    /// comes need not hold every template until [`Lowering::finish`], which then gives only
    /// the files not taken (and the manifest), and still checks every template's quotas
    /// (measured when it was rendered).
    pub fn take_files(&mut self) -> Vec<OutputFile> {
        self.units
            .iter_mut()
            .filter_map(|(_, rendered, _)| {
                Some(OutputFile {
                    path: template_path(rendered.unit),
                    contents: rendered.text.take()?,
                })
            })
            .collect()
    }
}

impl<'p> Lowering<'p> {
    /// The pieces of `plan`, none lowered yet.
    pub fn new(plan: &'p Plan) -> Self {
        let mut pieces: Vec<Vec<usize>> = Vec::new();
        // The piece of each region's application unit, which its services units join.
        let mut regions: BTreeMap<&str, usize> = BTreeMap::new();
        for (position, unit) in plan.units.iter().enumerate() {
            match &unit.id {
                UnitId::Services(region, _) => {
                    let Some(&piece) = regions.get(region.as_str()) else {
                        bug(format_args!(
                            "services unit {} deploys before its region's unit",
                            unit.id
                        ));
                    };
                    pieces[piece].push(position);
                }
                id => {
                    if let UnitId::Region(region) = id {
                        regions.insert(region.as_str(), pieces.len());
                    }
                    pieces.push(vec![position]);
                }
            }
        }
        Self {
            plan,
            queue: Mutex::new(pieces.into_iter()),
        }
    }

    /// Lowers the next piece nobody has taken, or `None` when every piece is taken. `scratch`
    /// is the serialization buffer, kept by the caller from piece to piece so that it grows
    /// once per thread rather than once per template.
    pub fn next_piece(&self, scratch: &mut Vec<u8>) -> Option<LoweredPiece<'p>> {
        // A thread that panicked while holding the queue left it whole: it only takes a piece.
        let piece = self
            .queue
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .next()?;
        let plan = self.plan;
        let mut shares = BTreeMap::new();
        let lowered: Vec<_> = piece
            .iter()
            .map(|&position| {
                let unit = &plan.units[position];
                let (mut template, linking) = lower_unit(plan, unit, &mut shares);
                // The stack's escape hatches, checked by the plan, change the finished template.
                overrides::apply_overrides(&mut template, &unit.id, &plan.overrides);
                (position, unit, template, linking)
            })
            .collect();
        // Written last to first: a divided region's unit reads only from units before it, so
        // each unit's outputs are known when its turn comes.
        let mut exports = split::Exports::default();
        let mut units: Vec<_> = lowered
            .into_iter()
            .rev()
            .map(|(position, unit, mut template, linking)| {
                let text = match &linking {
                    Some(linking) => {
                        exports.declare(&mut template, linking);
                        split::render(&template, linking, scratch, &mut exports)
                    }
                    None => template.to_json_pretty_in(scratch),
                }
                .unwrap_or_else(|error| {
                    bug(format_args!("a template does not serialize: {error}"))
                });
                let problems = quota_problems(&unit.stack_name, &template, &text);
                (
                    position,
                    manifest::Rendered::new(unit, text, std::mem::take(&mut template.outputs)),
                    problems,
                )
            })
            .collect();
        if !exports.is_empty() {
            bug("a divided region's unit reads an output of a unit that is not before it");
        }
        units.reverse();
        Some(LoweredPiece { units })
    }

    /// Every template of `pieces` (all of this lowering's) not taken out of them, in deploy
    /// order, then the manifest; or every quota problem, in deploy order.
    pub fn finish(
        self,
        pieces: Vec<LoweredPiece<'p>>,
    ) -> Result<Vec<OutputFile>, Vec<QuotaProblem>> {
        let mut units: Vec<_> = pieces.into_iter().flat_map(|piece| piece.units).collect();
        units.sort_by_key(|(position, _, _)| *position);
        if units.len() != self.plan.units.len()
            || units
                .iter()
                .enumerate()
                .any(|(expected, (position, _, _))| expected != *position)
        {
            bug("a CloudFormation lowering was finished without every unit exactly once");
        }
        let mut problems = Vec::new();
        let rendered: Vec<manifest::Rendered<'_>> = units
            .into_iter()
            .map(|(_, rendered, found)| {
                problems.extend(found);
                rendered
            })
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
        // The manifest reads what each template imports from its text, already written.
        let manifest = manifest::render_manifest(self.plan, &rendered);
        let mut files: Vec<OutputFile> = rendered
            .into_iter()
            .filter_map(|rendered| {
                Some(OutputFile {
                    path: template_path(rendered.unit),
                    contents: rendered.text?,
                })
            })
            .collect();
        files.push(OutputFile {
            path: MANIFEST_PATH.to_owned(),
            contents: manifest,
        });
        Ok(files)
    }
}

/// What `template`, written as `contents`, holds beyond CloudFormation's quotas.
fn quota_problems(stack_name: &str, template: &Template, contents: &str) -> Vec<QuotaProblem> {
    [
        (
            "resources",
            template.resources.len() + template.raw_resources.len(),
            limits::CFN_RESOURCES_PER_TEMPLATE,
        ),
        (
            "outputs",
            template.outputs.len(),
            limits::CFN_OUTPUTS_PER_TEMPLATE,
        ),
        (
            "parameters",
            template.parameters.len(),
            limits::CFN_PARAMETERS_PER_TEMPLATE,
        ),
        ("bytes", contents.len(), limits::CFN_TEMPLATE_BYTES),
    ]
    .into_iter()
    .filter(|(_, count, limit)| count > limit)
    .map(|(what, count, limit)| QuotaProblem {
        stack_name: stack_name.to_owned(),
        what,
        count,
        limit,
    })
    .collect()
}

/// Every resource of every unit's template as written before the stack's overrides: what
/// `meridian_plan::overrides::check` holds them against.
pub fn emitted_resources(plan: &Plan) -> Vec<meridian_plan::overrides::EmittedResource> {
    lower_units(plan)
        .flat_map(|(unit, template)| overrides::emitted_resources(&template, &unit.id))
        .collect()
}

/// Path of a unit's template in the output directory.
fn template_path(unit: &Unit) -> String {
    format!("{TEMPLATE_FOLDER}/{}", unit.template_file)
}

/// Every unit's template, in deploy order, lowered as the iterator is consumed (so that each
/// can be written and dropped before the next is built; a divided region's services units are
/// held until their turn). The stack's overrides are not applied yet.
fn lower_units(plan: &Plan) -> impl Iterator<Item = (&Unit, Template)> {
    // The shares of divided regions' services units, taken when their turn comes.
    let mut shares: BTreeMap<UnitId, split::Share> = BTreeMap::new();
    plan.units.iter().map(move |unit| {
        let (template, _) = lower_unit(plan, unit, &mut shares);
        (unit, template)
    })
}

/// The template of `unit`, without the stack's overrides, and for a unit of a divided region,
/// what writing it needs (`split::render`). A region's application unit that the plan divides
/// leaves its services units' shares in `shares`, where their own lowering takes them: each
/// comes after it in deploy order.
fn lower_unit(
    plan: &Plan,
    unit: &Unit,
    shares: &mut BTreeMap<UnitId, split::Share>,
) -> (Template, Option<split::Linking>) {
    let Plan {
        stack: _,
        description: _,
        tags,
        // Recovery objectives and runbook settings shape the plan (alarm thresholds, TTLs); no
        // CloudFormation property carries them.
        objectives: _,
        primary_region: _,
        global_region: _,
        // Templates use `${AWS::Partition}`, so they deploy unchanged in any partition.
        partition: _,
        // Warnings the stack accepts: `meridian plan` shows them; no template carries them.
        acknowledged: _,
        parameters,
        units,
        regions,
        global,
        accelerator,
        operations: _,
        // Renamed entities keep their former logical IDs, which their rids already hold; the
        // manifest lists the renames.
        renames: _,
        // Terraform's state backend: CloudFormation keeps its own state.
        terraform_backend: _,
        // The application's configuration is a runbook file; it only names outputs templates
        // already declare.
        app_configs: _,
        // Applied by `Lowering::next_piece` to each finished template.
        overrides: _,
    } = plan;
    let mut lowering = UnitTemplate {
        values: Values::new(parameters, tags),
        template: Template::new(unit.description.clone()),
    };
    let mut linking = None;
    match &unit.id {
        UnitId::Services(..) => {
            let share = shares
                .remove(&unit.id)
                .unwrap_or_else(|| bug(format_args!("services unit {} has no resources", unit.id)));
            lowering.template.resources = share.resources;
            linking = Some(share.linking);
        }
        UnitId::Storage(region) => {
            let RegionPlan {
                region: _,
                role: _,
                latency_target_ms: _,
                storage,
                app: _,
                links: _,
            } = region_plan(regions, region);
            storage::lower_storage_unit(&mut lowering, storage);
        }
        UnitId::Region(region) => {
            let RegionPlan {
                region: _,
                // The role decided sizes and which resources exist; templates only see
                // their outcome.
                role: _,
                // Turned into alarms by the plan.
                latency_target_ms: _,
                storage: _,
                app,
                // The region's links unit has a template of its own.
                links: _,
            } = region_plan(regions, region);
            let app: &AppPlan = app.as_ref().unwrap_or_else(|| {
                bug(format_args!(
                    "region unit `{region}` has no application plan"
                ))
            });
            lower_app_unit(&mut lowering, app);
            // Pruned before the division, which drops the entries that name another unit.
            prune_enforced_depends_on(&mut lowering.template);
            if !app.placement.is_empty() {
                let region_units: Vec<(UnitId, String)> = units
                    .iter()
                    .filter(|candidate| {
                        candidate.id == unit.id
                            || (matches!(candidate.id, UnitId::Services(..))
                                && candidate.id.region() == unit.id.region())
                    })
                    .map(|candidate| (candidate.id.clone(), candidate.stack_name.clone()))
                    .collect();
                let divided = split::divide(&mut lowering.template, &app.placement, &region_units);
                for ((id, _), share) in region_units.iter().zip(divided) {
                    if *id == unit.id {
                        linking = Some(share.linking);
                    } else {
                        shares.insert(id.clone(), share);
                    }
                }
            }
        }
        UnitId::Links(region) => {
            let links = region_plan(regions, region)
                .links
                .as_ref()
                .unwrap_or_else(|| bug(format_args!("links unit `{region}` has no links plan")));
            network::lower_links_unit(&mut lowering, links);
        }
        UnitId::Global => {
            let global = global
                .as_ref()
                .unwrap_or_else(|| bug("the global unit has no global plan"));
            global::lower_global_unit(&mut lowering, global);
        }
        UnitId::Accelerator => {
            let accelerator = accelerator
                .as_ref()
                .unwrap_or_else(|| bug("the accelerator unit has no accelerator plan"));
            accelerator::lower_accelerator_unit(&mut lowering, accelerator);
        }
    }
    parameters::lower_parameters(&mut lowering, unit);
    parameters::lower_outputs(&mut lowering, unit);
    let mut template = lowering.template;
    if !matches!(unit.id, UnitId::Region(_) | UnitId::Services(..)) {
        prune_enforced_depends_on(&mut template);
    }
    (template, linking)
}

fn region_plan<'p>(regions: &'p [RegionPlan], region: &str) -> &'p RegionPlan {
    regions
        .iter()
        .find(|candidate| candidate.region == region)
        .unwrap_or_else(|| {
            bug(format_args!(
                "unit region `{region}` is not in plan.regions"
            ))
        })
}

fn lower_app_unit(unit: &mut UnitTemplate<'_>, app: &AppPlan) {
    let AppPlan {
        unit: _,
        network,
        security_groups,
        security_group_rules,
        load_balancer,
        load_balancers,
        cluster,
        services,
        database,
        adopted_credentials,
        cache,
        alerting,
        endpoints,
        failover,
        peerings,
        peer_routes,
        // Read by `split::divide` once the whole region is lowered.
        placement: _,
    } = app;
    if let Some(network) = network {
        network::lower_network(unit, network);
    }
    for peering in peerings {
        network::lower_peering(unit, peering);
    }
    network::lower_peer_routes(unit, peer_routes);
    let vpc_id = network.as_ref().map(|network| &network.vpc_id);
    network::lower_security_groups(unit, vpc_id, security_groups, security_group_rules);
    for load_balancer in load_balancer.iter().chain(load_balancers.values()) {
        load_balancer::lower_load_balancer(unit, load_balancer, vpc_id);
    }
    if let Some(cluster) = cluster {
        services::lower_cluster(unit, cluster);
    }
    for service in services {
        services::lower_service(unit, service);
    }
    if let Some(database) = database {
        database::lower_database(unit, database);
    }
    if let Some(credentials) = adopted_credentials {
        database::lower_adopted_credentials(unit, credentials);
    }
    if let Some(cache) = cache {
        cache::lower_cache(unit, cache);
    }
    alerting::lower_alerting(unit, alerting);
    failover::lower_endpoints(unit, endpoints);
    if let Some(failover) = failover {
        failover::lower_failover(unit, failover);
    }
}

/// The template of one unit while it is being built, with the value translator of the plan.
#[derive(Debug)]
pub(crate) struct UnitTemplate<'p> {
    pub(crate) values: Values<'p>,
    pub(crate) template: Template,
}

impl UnitTemplate<'_> {
    /// Adds a resource under the plan's logical ID.
    pub(crate) fn add(&mut self, rid: &Rid, resource: Resource) {
        if let Err(duplicate) = self.template.add_resource(rid.logical.clone(), resource) {
            bug(format_args!("{duplicate}"));
        }
    }
}

/// Drops `DependsOn` entries that a reference in the resource's properties already enforces
/// (CloudFormation orders those anyway, and cfn-lint reports the duplicates as W3005).
fn prune_enforced_depends_on(template: &mut Template) {
    for resource in template.resources.values_mut() {
        if resource.depends_on.is_empty() {
            continue;
        }
        let properties = serde_json::to_value(&resource.properties).unwrap_or_else(|error| {
            bug(format_args!(
                "resource properties do not serialize: {error}"
            ))
        });
        let referenced = meridian_plan::overrides::referenced_ids(&properties);
        resource
            .depends_on
            .retain(|logical_id| !referenced.contains(logical_id.as_str()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::l1::{Output, Value, sns};

    #[test]
    fn a_template_beyond_a_quota_is_reported_with_its_count() {
        let mut template = Template::new("over");
        for index in 0..=limits::CFN_RESOURCES_PER_TEMPLATE {
            let topic = Resource::new(sns::Topic::default());
            template
                .add_resource(format!("Topic{index}"), topic)
                .expect("unique");
        }
        for index in 0..limits::CFN_OUTPUTS_PER_TEMPLATE {
            template
                .add_output(format!("Output{index}"), Output::new(Value::literal("x")))
                .expect("unique");
        }
        let contents = template.to_json_pretty().expect("serializes");
        let problems = quota_problems("demo-us-east-1", &template, &contents);
        assert_eq!(
            problems,
            vec![QuotaProblem {
                stack_name: "demo-us-east-1".to_owned(),
                what: "resources",
                count: limits::CFN_RESOURCES_PER_TEMPLATE + 1,
                limit: limits::CFN_RESOURCES_PER_TEMPLATE,
            }],
            "200 outputs are allowed, 501 resources are not"
        );
        let padded = "x".repeat(limits::CFN_TEMPLATE_BYTES + 1);
        let problems = quota_problems("demo-us-east-1", &Template::new("small"), &padded);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].what, "bytes");
        assert!(
            problems[0]
                .to_string()
                .contains("would hold 1000001 bytes, and CloudFormation accepts at most 1000000")
        );
    }
}

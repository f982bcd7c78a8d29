//! Resolution: stack model → [`Plan`], checking every rule on the way and collecting all
//! diagnostics in one pass. Each submodule resolves one area and owns its rules; rule codes are
//! listed in README ("Error codes").

mod data;
mod edge;
mod monitoring;
mod regions;
mod renames;
mod services;
mod storage;
mod topology;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use meridian_model::{Diagnostic, Stack, StackPath};

use crate::ids::{Rid, UnitId};
use crate::naming::{self, EntityName, PhysicalNames};
use crate::types::{EntityKind, ParamKind, Plan, TfMove};
use crate::value::{Attr, AttrRef, Import, ParamUse, Part, Placeholder, Text, parse_placeholders};

/// The result of planning: the plan (when there is no error) and every diagnostic.
#[derive(Debug)]
pub struct Planned {
    /// The plan, absent when any diagnostic is an error.
    pub plan: Option<Plan>,
    /// Errors and warnings, in the order the rules found them.
    pub diagnostics: Vec<Diagnostic>,
}

/// Resolves and checks a stack.
pub fn plan(stack: &Stack) -> Planned {
    let mut resolver = Resolver::new(stack);
    let plan = resolver.run();
    let diagnostics = without_region_cascades(resolver.diagnostics, &resolver.misspelt_regions);
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    Planned {
        plan: if has_errors { None } else { Some(plan) },
        diagnostics,
    }
}

/// Rules that report something absent (a component, a region's cache, a use of a parameter):
/// with a region code left out of the plan, what they find absent may only be the typo's
/// consequence.
const ABSENCE_RULES: &[&str] = &[
    "E325", "E326", "E404", "E428", "E513", "E709", "E724", "E802", "W401", "W421",
];

/// `diagnostics` without the ones that follow from a misspelt region code (E101). A region
/// code that is not one is left out of the plan, and so is what depends on it (a cache whose
/// target region is undeclared is not planned), so later rules see a stack without them: the
/// region its author meant has no database, no cache or no service, and rules report what is
/// only the typo's consequence (a cache reference "in a region without a cache", sizing
/// "without effect", a parameter "never used"). Those findings are dropped: the ones of the
/// rules that report an absence ([`ABSENCE_RULES`]), and any that names the typo or the region
/// meant (the E101's suggestion). With one misspelt code, one error is reported; the rest of
/// the stack is checked again once it is fixed.
fn without_region_cascades(
    diagnostics: Vec<Diagnostic>,
    misspelt: &[(String, Option<&'static str>)],
) -> Vec<Diagnostic> {
    if misspelt.is_empty() {
        return diagnostics;
    }
    let names: Vec<String> = misspelt
        .iter()
        .flat_map(|(typo, meant)| std::iter::once(typo.as_str()).chain(*meant))
        .map(|code| format!("`{code}`"))
        .collect();
    diagnostics
        .into_iter()
        .filter(|diagnostic| {
            let unused_parameter =
                diagnostic.code == "E802" && diagnostic.message.contains("never used");
            let absence = unused_parameter
                || (diagnostic.code != "E802" && ABSENCE_RULES.contains(&diagnostic.code));
            diagnostic.code == "E101"
                || !(absence
                    || names
                        .iter()
                        .any(|name| diagnostic.message.contains(name.as_str())))
        })
        .collect()
}

/// What a parameter has been used as so far.
#[derive(Debug, Clone)]
struct ParamInfo {
    kind: ParamKind,
    per_region: bool,
    first_use: StackPath,
    regions: BTreeSet<String>,
}

/// Where a `${...}` string is resolved and what it may contain.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextContext<'a> {
    /// Unit the value is used in.
    pub unit: &'a UnitId,
    /// What a parameter in this position holds.
    pub kind: ParamKind,
    /// Whether a parameter here takes one value per region.
    pub per_region: bool,
    /// Which references are allowed.
    pub references: ReferenceScope,
}

/// Which `${lower.case}` references a field accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReferenceScope {
    /// None: only literals and parameters.
    None,
    /// Container environment values.
    Environment,
    /// Container secrets.
    Secrets,
}

pub(crate) struct Resolver<'a> {
    pub stack: &'a Stack,
    pub names: PhysicalNames<'a>,
    pub diagnostics: Vec<Diagnostic>,
    /// Logical IDs per unit, with the place that caused each.
    ids: BTreeMap<UnitId, BTreeMap<String, StackPath>>,
    /// Terraform names across the whole module, with their unit and the place that caused each.
    tf_ids: BTreeMap<String, (UnitId, StackPath)>,
    params: BTreeMap<String, ParamInfo>,
    /// Outputs per unit, by name.
    pub outputs: BTreeMap<UnitId, BTreeMap<String, crate::types::Output>>,
    /// Producers each unit consumes.
    pub dependencies: BTreeMap<UnitId, BTreeSet<UnitId>>,
    /// Outputs each unit consumes.
    pub consumed: BTreeMap<UnitId, BTreeSet<(UnitId, String)>>,
    /// Parameters each unit declares.
    pub unit_params: BTreeMap<UnitId, BTreeSet<String>>,
    /// Facts resolved early and needed by later areas.
    pub facts: Facts,
    /// Replication targets slower than Replication Time Control, alarmed in the source region.
    pub replication_watches: Vec<storage::ReplicationWatch>,
    /// Storage units' regions in deploy order.
    pub storage_order: Vec<String>,
    /// Validated notification targets.
    pub targets: Vec<monitoring::Target>,
    /// Valid renames: (kind, current name) → former name.
    renamed: BTreeMap<(EntityKind, String), String>,
    /// What each renamed entity's resources are called, by (kind, current name).
    rename_records: BTreeMap<(EntityKind, String), RenameRecord>,
    /// (code, path, message) of every diagnostic reported, so that a repeat is found in constant
    /// time: a stack with 45,000 mistakes is reported in linear time, not quadratic.
    reported: HashSet<(&'static str, StackPath, String)>,
    /// Region codes refused with E101, with the region suggested instead: findings that follow
    /// from them are dropped (see `without_region_cascades`).
    pub(crate) misspelt_regions: Vec<(String, Option<&'static str>)>,
}

/// The resources of a renamed entity, collected as they are named.
#[derive(Debug, Default)]
struct RenameRecord {
    from: String,
    logical_ids: BTreeMap<UnitId, BTreeSet<String>>,
    moves: BTreeSet<TfMove>,
}

/// Facts one area resolves and later areas read.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    /// Valid service regions in declared order, with their roles.
    pub service_regions: Vec<(String, crate::types::RegionRole)>,
    /// The primary region, once known.
    pub primary: Option<String>,
    /// The partition.
    pub partition: String,
    /// Data key per region.
    pub data_keys: BTreeMap<String, Rid>,
    /// Regions that have a database instance, and its rid.
    pub database: BTreeMap<String, Rid>,
    /// Writer rid.
    pub writer: Option<Rid>,
    /// Master secret rid (in the primary region).
    pub database_secret: Option<Rid>,
    /// Cache per region: rid and endpoint attribute.
    pub cache: BTreeMap<String, (Rid, Attr)>,
    /// Cache AUTH secret: rid and the region it was created in, per region that uses it.
    pub cache_secret: BTreeMap<String, (Rid, String)>,
    /// Load balancer per region.
    pub load_balancers: BTreeMap<String, Rid>,
    /// Buckets by entity name: region and rid.
    pub buckets: BTreeMap<String, (String, Rid)>,
    /// Service names that physical names derive from: a renamed service's former name.
    pub services: BTreeSet<String>,
    /// Whether the database has read replicas.
    pub has_replicas: bool,
}

impl<'a> Resolver<'a> {
    fn new(stack: &'a Stack) -> Self {
        Self {
            stack,
            names: PhysicalNames {
                stack: &stack.stack,
            },
            diagnostics: Vec::new(),
            ids: BTreeMap::new(),
            tf_ids: BTreeMap::new(),
            params: BTreeMap::new(),
            outputs: BTreeMap::new(),
            dependencies: BTreeMap::new(),
            consumed: BTreeMap::new(),
            unit_params: BTreeMap::new(),
            facts: Facts {
                partition: "aws".to_owned(),
                ..Facts::default()
            },
            replication_watches: Vec::new(),
            storage_order: Vec::new(),
            targets: Vec::new(),
            renamed: BTreeMap::new(),
            rename_records: BTreeMap::new(),
            reported: HashSet::new(),
            misspelt_regions: Vec::new(),
        }
    }

    fn run(&mut self) -> Plan {
        self.check_stack_name();
        self.check_objectives();
        self.check_renames();
        let regions = self.resolve_regions();
        let mut storage = self.resolve_storage(&regions);
        let mut apps = self.resolve_networks(&regions);
        self.resolve_database(&regions, &mut apps);
        self.resolve_cache(&regions, &mut apps);
        let targets = self.resolve_notification_targets();
        self.resolve_topics(&targets, &mut apps);
        self.resolve_load_balancers(&regions, &mut apps);
        self.resolve_services(&regions, &mut apps);
        self.resolve_replication_alarms(&mut storage, &mut apps);
        self.resolve_regional_alerts(&regions, &mut apps);
        let global = self.resolve_global(&regions, &targets);
        self.check_parameter_declarations();
        self.finish(regions, storage, apps, global)
    }

    /// Records a diagnostic, once: values resolved for every region would otherwise repeat the
    /// same finding per region.
    pub fn report(&mut self, diagnostic: Diagnostic) {
        let key = (
            diagnostic.code,
            diagnostic.path.clone(),
            diagnostic.message.clone(),
        );
        if self.reported.insert(key) {
            self.diagnostics.push(diagnostic);
        }
    }

    /// A resource identity in `unit`, checked for collisions with every other ID there.
    pub fn rid(&mut self, unit: &UnitId, logical: impl Into<String>, path: &StackPath) -> Rid {
        let rid = naming::rid(logical, unit);
        self.check_rid(unit, rid, path)
    }

    /// The names of the entity of `kind` called `current` in the stack file: its former name
    /// too when it was validly renamed.
    pub fn entity(&self, kind: EntityKind, current: &str) -> EntityName {
        let former = self.renamed.get(&(kind, current.to_owned()));
        EntityName::new(kind, current, former.map(String::as_str))
    }

    /// The identity of an entity's resource whose logical ID `role` builds from the entity's
    /// PascalCase name: see [`naming::entity_rid`]. A renamed entity's resource is recorded for
    /// the plan's renames.
    pub fn entity_rid(
        &mut self,
        unit: &UnitId,
        entity: &EntityName,
        role: impl Fn(&str) -> String,
        path: &StackPath,
    ) -> Rid {
        self.entities_rid(unit, &[entity], |bases| role(&bases[0]), path)
    }

    /// [`Self::entity_rid`] for a resource whose logical ID names several entities.
    pub fn entities_rid(
        &mut self,
        unit: &UnitId,
        entities: &[&EntityName],
        role: impl Fn(&[String]) -> String,
        path: &StackPath,
    ) -> Rid {
        let (rid, former) = naming::entities_rid(entities, role, unit);
        let rid = self.check_rid(unit, rid, path);
        if let Some(former) = former {
            for entity in entities.iter().filter(|entity| entity.is_renamed()) {
                let record = self
                    .rename_records
                    .entry((entity.kind, entity.current.clone()))
                    .or_default();
                record.from.clone_from(&entity.identity);
                record
                    .logical_ids
                    .entry(unit.clone())
                    .or_default()
                    .insert(rid.logical.clone());
                record.moves.insert(TfMove {
                    from: former.clone(),
                    to: rid.tf.clone(),
                });
            }
        }
        rid
    }

    /// Claims `name` for the entity at `path` among `seen`, the names of its kind so far. A name
    /// claimed before is reported as `code` on the entity's `name`, pointing at the first use,
    /// and `false` is returned; the first use keeps the name.
    pub(crate) fn claim_name<'n>(
        &mut self,
        seen: &mut BTreeMap<&'n str, StackPath>,
        name: &'n str,
        path: &StackPath,
        code: &'static str,
        kind: &str,
        help: &str,
    ) -> bool {
        if let Some(first) = seen.get(name) {
            let first = first.clone();
            self.report(
                Diagnostic::error(
                    code,
                    path.key("name"),
                    format!("the {kind} name `{name}` is used twice"),
                )
                .with_help(help)
                .with_related(first, format!("the first {kind} with this name")),
            );
            return false;
        }
        seen.insert(name, path.clone());
        true
    }

    /// Checks a derived identity for collisions with every other logical ID of `unit` and every
    /// Terraform name of the module.
    fn check_rid(&mut self, unit: &UnitId, rid: Rid, path: &StackPath) -> Rid {
        if let Some(problem) = naming::identifier_problem(&rid) {
            self.report(
                // The checks of each entity's name keep every derived ID valid; one that is not
                // is a gap in those checks, reported instead of reaching an emitter.
                Diagnostic::error(
                    "E900",
                    path.clone(),
                    format!("internal error: the name here gives a resource ID that not every target accepts: {problem}"),
                )
                .with_help("this is a bug in meridian; renaming the entity (letters, digits and `-`, starting with a letter) avoids it"),
            );
        }
        let logical = &rid.logical;
        match self.ids.get(unit).and_then(|ids| ids.get(logical)) {
            Some(first) if first != path => {
                let first = first.clone();
                self.report(
                    Diagnostic::error(
                        "E901",
                        path.clone(),
                        format!("the derived resource ID `{logical}` collides with the one derived from `{first}`"),
                    )
                    .with_help("rename one of the two entities; IDs come from entity names, so names that differ only in punctuation or case collide")
                    .with_related(first, "the first entity with this ID"),
                );
            }
            Some(_) => {}
            None => {
                self.ids
                    .entry(unit.clone())
                    .or_default()
                    .insert(logical.clone(), path.clone());
            }
        }
        // Terraform names share one module: a storage unit and an application unit of the same
        // region must not derive the same name.
        match self.tf_ids.get(&rid.tf) {
            Some((first_unit, first)) if first_unit != unit => {
                let first = first.clone();
                self.report(
                    Diagnostic::error(
                        "E901",
                        path.clone(),
                        format!("the derived Terraform name `{}` collides with the one derived from `{first}`", rid.tf),
                    )
                    .with_help("rename one of the two entities; Meridian's own resources use names such as `LoadBalancerAccessLogsBucket`, which a bucket named `load-balancer-access-logs` would repeat")
                    .with_related(first, "the first entity with this name"),
                );
            }
            Some(_) => {}
            None => {
                self.tf_ids
                    .insert(rid.tf.clone(), (unit.clone(), path.clone()));
            }
        }
        rid
    }

    /// The CloudFormation stack name of a unit.
    pub fn stack_name(&self, unit: &UnitId) -> String {
        naming::stack_name(&self.stack.stack, unit)
    }

    /// A value produced by `source` in `producer`, used in `consumer`: a direct attribute when
    /// both are the same unit, otherwise an import that records the output and the dependency.
    pub fn value_from(
        &mut self,
        consumer: &UnitId,
        producer: &UnitId,
        output: &str,
        description: &str,
        source: AttrRef,
    ) -> Text {
        if consumer == producer {
            return Text::from_parts(vec![Part::Attr(source)]);
        }
        let stack_name = self.stack_name(producer);
        let region = producer.region().map_or_else(
            || crate::aws::global_region(&self.facts.partition).to_owned(),
            str::to_owned,
        );
        self.export(
            producer,
            output,
            description,
            Text::from_parts(vec![Part::Attr(source.clone())]),
        );
        self.dependencies
            .entry(consumer.clone())
            .or_default()
            .insert(producer.clone());
        self.consumed
            .entry(consumer.clone())
            .or_default()
            .insert((producer.clone(), output.to_owned()));
        Text::from_parts(vec![Part::Import(Import {
            unit: producer.clone(),
            stack_name,
            region,
            output: output.to_owned(),
            source,
        })])
    }

    /// Declares an output of `unit`.
    pub fn export(&mut self, unit: &UnitId, name: &str, description: &str, value: Text) {
        let tf_name = format!(
            "{}_{}",
            naming::snake(&naming::pascal(&unit.to_string())),
            naming::snake(name)
        );
        self.outputs.entry(unit.clone()).or_default().insert(
            name.to_owned(),
            crate::types::Output {
                name: name.to_owned(),
                tf_name,
                description: description.to_owned(),
                value,
            },
        );
    }

    /// A string that may not contain placeholders: the string, or `None` (after reporting E805)
    /// when it holds one, so that callers skip the checks of its content, which would only
    /// repeat the finding.
    pub fn literal(&mut self, path: &StackPath, raw: &str, what: &str) -> Option<String> {
        if raw.contains("${") {
            self.report(
                Diagnostic::error(
                    "E805",
                    path.clone(),
                    format!("{what} cannot contain a placeholder: `{raw}`"),
                )
                .with_help(format!("{what} must be known when Meridian synthesizes, because other values are derived from it; write it out (parameters are for values only the deployer knows)")),
            );
            return None;
        }
        Some(raw.to_owned())
    }

    /// Resolves a string with `${...}` placeholders.
    pub fn text(&mut self, path: &StackPath, raw: &str, context: TextContext<'_>) -> Text {
        let pieces = match parse_placeholders(raw) {
            Ok(pieces) => pieces,
            Err(message) => {
                let help = match placeholder_suggestion(raw) {
                    Some(suggestion) => format!(
                        "did you mean `{suggestion}`? parameters are written `${{UPPER_SNAKE_CASE}}`; write `$${{` for a literal `${{`"
                    ),
                    None => "parameters are written `${UPPER_SNAKE_CASE}`; write `$${` for a literal `${`".to_owned(),
                };
                self.report(Diagnostic::error("E801", path.clone(), message).with_help(help));
                return Text::lit(raw);
            }
        };
        let mut parts = Vec::with_capacity(pieces.len());
        for piece in pieces {
            match piece {
                Placeholder::Lit(text) => parts.push(Part::Lit(text)),
                Placeholder::Param(name) => {
                    let region = context.unit.region().map(str::to_owned);
                    self.use_parameter(path, name, context.kind, context.per_region, context.unit);
                    parts.push(Part::Param(ParamUse {
                        name: name.to_owned(),
                        region: if context.per_region { region } else { None },
                    }));
                }
                Placeholder::Reference(reference) => {
                    if context.references == ReferenceScope::None {
                        self.report(
                            Diagnostic::error(
                                "E807",
                                path.clone(),
                                format!("`${{{reference}}}` refers to a value Meridian produces, which this field cannot use"),
                            )
                            .with_help("references such as `${database.writer.address}` are allowed in service `environment` and `secrets` only; use a `${PARAMETER}` here"),
                        );
                        continue;
                    }
                    if let Some(resolved) = self.resolve_reference(path, reference, context) {
                        parts.extend(resolved.parts().iter().cloned());
                    }
                }
            }
        }
        Text::from_parts(parts)
    }

    /// Records that `name` is used as a `kind` parameter in `unit`.
    fn use_parameter(
        &mut self,
        path: &StackPath,
        name: &str,
        kind: ParamKind,
        per_region: bool,
        unit: &UnitId,
    ) {
        self.unit_params
            .entry(unit.clone())
            .or_default()
            .insert(name.to_owned());
        let scope = unit
            .region()
            .map_or_else(|| "global".to_owned(), str::to_owned);
        match self.params.get_mut(name) {
            None => {
                self.params.insert(
                    name.to_owned(),
                    ParamInfo {
                        kind,
                        per_region,
                        first_use: path.clone(),
                        regions: BTreeSet::from([scope]),
                    },
                );
            }
            Some(info) => {
                info.regions.insert(scope);
                let (first_kind, first_per_region, first_use) =
                    (info.kind, info.per_region, info.first_use.clone());
                if first_kind != kind && path != &first_use {
                    self.report(
                        Diagnostic::error(
                            "E803",
                            path.clone(),
                            format!(
                                "the parameter `{name}` is used here as {} but at `{first_use}` as {}",
                                kind_description(kind),
                                kind_description(first_kind)
                            ),
                        )
                        .with_help("use a separate parameter for each kind of value")
                        .with_related(first_use.clone(), "the first use"),
                    );
                } else if first_per_region != per_region && path != &first_use {
                    self.report(
                        Diagnostic::error(
                            "E804",
                            path.clone(),
                            format!(
                                "the parameter `{name}` takes one value per region at `{}` but a single value at `{}`",
                                if per_region { path } else { &first_use },
                                if per_region { &first_use } else { path }
                            ),
                        )
                        .with_help("regional ARNs (certificates, secrets) differ in each region; use a separate parameter for the stack-wide value")
                        .with_related(first_use, "the first use"),
                    );
                }
            }
        }
    }

    fn check_objectives(&mut self) {
        let Some(objectives) = &self.stack.objectives else {
            return;
        };
        let path = StackPath::root().key("objectives");
        if let Some(availability) = objectives.availability_percent
            && !(availability.is_finite() && availability > 0.0 && availability < 100.0)
        {
            self.report(
                Diagnostic::error("E106", path.key("availability_percent"), format!("an availability target of {availability}% is not a percentage between 0 and 100 (exclusive)"))
                    .with_help("write e.g. 99.9; 100% cannot be promised by any deployment"),
            );
        }
        if let Some(rto) = objectives.rto_minutes
            && !(1..=10_080).contains(&rto)
        {
            self.report(
                Diagnostic::error(
                    "E106",
                    path.key("rto_minutes"),
                    format!(
                        "a recovery time objective of {rto} minutes is outside 1 to 10080 (a week)"
                    ),
                )
                .with_help("give the longest acceptable outage, e.g. 15"),
            );
        }
        if objectives.rpo_minutes == Some(0) {
            self.report(
                Diagnostic::error("E106", path.key("rpo_minutes"), "a recovery point objective of 0 minutes needs synchronous replication across regions, which RDS does not offer")
                    .with_help("cross-region replicas are asynchronous; give the data loss you can accept, e.g. 5"),
            );
        } else if let Some(rpo) = objectives.rpo_minutes
            && rpo > 10_080
        {
            // Bounded like the RTO, so the plan's seconds (and every `× 60`) stay in range.
            self.report(
                Diagnostic::error(
                    "E106",
                    path.key("rpo_minutes"),
                    format!(
                        "a recovery point objective of {rpo} minutes is outside 1 to 10080 (a week)"
                    ),
                )
                .with_help("give the most data loss you can accept, e.g. 5"),
            );
        }
    }

    fn check_stack_name(&mut self) {
        let name = &self.stack.stack;
        let valid = !name.is_empty()
            && name.len() <= naming::limits::STACK
            && name.starts_with(|c: char| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !name.ends_with('-')
            && !name.contains("--");
        if !valid {
            self.report(
                Diagnostic::error(
                    "E100",
                    StackPath::root().key("stack"),
                    format!(
                        "`{name}` is not a valid stack name: use lowercase letters, digits and single hyphens, start with a letter, at most {} characters",
                        naming::limits::STACK
                    ),
                )
                .with_help(format!(
                    "the stack name prefixes CloudFormation stacks, buckets and DB identifiers, which allow only these characters{}",
                    entity_name_example(name, naming::limits::STACK)
                )),
            );
        }
    }
}

/// Whether `name` is a valid entity name: lowercase letters, digits and hyphens, starting with a
/// letter, at most `limit` characters.
pub(crate) fn is_entity_name(name: &str, limit: usize) -> bool {
    !name.is_empty()
        && name.len() <= limit
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !name.ends_with('-')
        && !name.contains("--")
}

/// A valid entity name close to `name` (lowercased, other characters turned into hyphens),
/// appended to a help line as "e.g. `orders-api`", or nothing when none can be derived.
pub(crate) fn entity_name_example(name: &str, limit: usize) -> String {
    let mut candidate = String::with_capacity(name.len());
    for character in name.chars() {
        let character = character.to_ascii_lowercase();
        if character.is_ascii_lowercase() || character.is_ascii_digit() {
            candidate.push(character);
        } else if !candidate.ends_with('-') {
            candidate.push('-');
        }
    }
    let candidate = candidate.trim_matches('-');
    if is_entity_name(candidate, limit) && candidate != name {
        format!("; e.g. `{candidate}`")
    } else {
        String::new()
    }
}

/// For an illegal `${...}` in `raw`, the placeholder the author probably meant.
fn placeholder_suggestion(raw: &str) -> Option<String> {
    let start = raw.find("${")? + 2;
    let rest = &raw[start..];
    let (body, closed) = match rest.find('}') {
        Some(end) => (&rest[..end], true),
        None => (
            rest.split(|c: char| c.is_whitespace() || c == '"')
                .next()
                .unwrap_or(rest),
            false,
        ),
    };
    let candidate: String = body
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    let legal = matches!(
        parse_placeholders(&format!("${{{candidate}}}")).as_deref(),
        Ok([Placeholder::Param(_)])
    );
    (legal && (candidate != body || !closed)).then(|| format!("${{{candidate}}}"))
}

fn kind_description(kind: ParamKind) -> &'static str {
    match kind {
        ParamKind::Text => "text",
        ParamKind::CertificateArn => "an ACM certificate ARN",
        ParamKind::HostedZoneId => "a hosted zone ID",
        ParamKind::VpcId => "a VPC ID",
        ParamKind::SubnetId => "a subnet ID",
        ParamKind::Email => "an e-mail address",
        ParamKind::HttpsUrl => "an HTTPS URL",
        ParamKind::SecretArn => "a secret ARN",
    }
}

/// What each parameter kind means, for descriptions.
pub(crate) fn describe_kind(kind: ParamKind) -> &'static str {
    kind_description(kind)
}

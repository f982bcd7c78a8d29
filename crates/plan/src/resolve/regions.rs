//! Regions: the declared service regions in order, the storage-only regions that only receive
//! replicated buckets, their codes, roles and partition, and which one is the primary.

use std::collections::BTreeSet;

use meridian_model::{Diagnostic, Region, StackPath, codes};

use super::*;
use crate::aws;
use crate::suggest_list;
use crate::types::*;

/// A region as resolved: declared service regions first, then storage-only regions.
#[derive(Debug, Clone)]
pub(crate) struct ResolvedRegion<'a> {
    pub code: RegionCode,
    pub role: RegionRole,
    pub path: StackPath,
    pub model: Option<&'a Region>,
}

/// The regions of the stack (declared service regions in order, then storage-only regions) and
/// its primary region. Dereferences to the list.
#[derive(Debug, Clone)]
pub(crate) struct Regions<'a> {
    pub list: Vec<ResolvedRegion<'a>>,
    /// The primary region, when exactly one valid region has the role.
    pub primary: Option<RegionCode>,
}

impl<'a> std::ops::Deref for Regions<'a> {
    type Target = [ResolvedRegion<'a>];

    fn deref(&self) -> &Self::Target {
        &self.list
    }
}

impl Regions<'_> {
    /// The role of a service region; `None` for storage-only and undeclared regions.
    pub fn service_role(&self, code: &str) -> Option<RegionRole> {
        self.list
            .iter()
            .find(|region| region.code == code && region.role != RegionRole::StorageOnly)
            .map(|region| region.role)
    }

    /// The codes of the service regions, in declared order.
    pub fn service_codes(&self) -> impl Iterator<Item = &RegionCode> {
        self.list
            .iter()
            .filter(|region| region.role != RegionRole::StorageOnly)
            .map(|region| &region.code)
    }

    /// Where a region's application unit comes in the deploy order: the primary first, then
    /// the other service regions as declared; `usize::MAX` for a region without one.
    pub fn deploy_rank(&self, code: &str) -> usize {
        if self.primary.as_deref() == Some(code) {
            return 0;
        }
        self.service_codes()
            .position(|candidate| candidate.as_str() == code)
            .map_or(usize::MAX, |index| index + 1)
    }

    /// Whether the application unit of `producer` deploys no later than that of `consumer`
    /// (the same unit counts), so `consumer` can import from it.
    pub fn deploys_no_later(&self, producer: &str, consumer: &str) -> bool {
        self.deploy_rank(producer) <= self.deploy_rank(consumer)
    }
}

impl<'a> Resolver<'a> {
    /// W102: an opt-in region, which refuses every stack until the account enables it.
    fn warn_opt_in(&mut self, path: &StackPath, code: &str) {
        if aws::OPT_IN_REGIONS.contains(&code) {
            self.report(
                    Diagnostic::new(
                        codes::W102,
                        path.key("code"),
                        format!("`{code}` is an opt-in region: stacks fail to deploy there until the account enables it"),
                    )
                    .with_help(format!("enable it (`aws account enable-region --region-name {code}`) before deploying; `deploy.sh` checks that it is enabled before the first stack; acknowledge the warning once it is")),
                );
        }
    }

    pub(crate) fn resolve_regions(&mut self) -> Regions<'a> {
        let stack: &'a Stack = self.stack;
        let mut regions: Vec<ResolvedRegion<'a>> = Vec::new();
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut primaries = Vec::new();
        let mut partitions = BTreeSet::new();
        // The first region (or bucket region) seen in each partition, for E104.
        let mut partition_places: Vec<(&str, String, StackPath)> = Vec::new();
        if stack.regions.is_empty() {
            self.report(
                Diagnostic::new(
                    codes::E102,
                    StackPath::root().key("regions"),
                    "the stack declares no region",
                )
                .with_help("declare at least one region with `role: primary`"),
            );
        }
        for (index, region) in stack.regions.iter().enumerate() {
            let path = StackPath::root().key("regions").index(index);
            // Count the primary before checking the code, so that a mistyped code does not also
            // report a missing primary.
            if region.role == meridian_model::RegionRole::Primary {
                primaries.push(path.clone());
            }
            let Some(info) = self.check_region_code(&path.key("code"), &region.code) else {
                continue;
            };
            if partitions.insert(info.partition) {
                partition_places.push((info.partition, region.code.clone(), path.key("code")));
            }
            self.warn_opt_in(&path, &region.code);
            if !seen.insert(&region.code) {
                self.report(
                    Diagnostic::new(
                        codes::E103,
                        path.key("code"),
                        format!("the region `{}` is declared twice", region.code),
                    )
                    .with_help(
                        "declare each region once; one region holds one copy of the service",
                    ),
                );
                continue;
            }
            let role = match region.role {
                meridian_model::RegionRole::Primary => RegionRole::Primary,
                meridian_model::RegionRole::Secondary => RegionRole::Secondary,
                meridian_model::RegionRole::Optional => RegionRole::Optional,
            };
            if let Some(target) = region.latency_target_ms
                && !crate::defaults::bounds::LATENCY_TARGET_MS.contains(&target)
            {
                self.report(
                    Diagnostic::new(
                        codes::E105,
                        path.key("latency_target_ms"),
                        format!(
                            "latency target {target} ms is outside {} ms",
                            range_text(&crate::defaults::bounds::LATENCY_TARGET_MS)
                        ),
                    )
                    .with_help(format!(
                        "give the {} latency users of this region should see, e.g. 100",
                        crate::defaults::LATENCY_STATISTIC
                    )),
                );
            }
            regions.push(ResolvedRegion {
                code: RegionCode::from(&region.code),
                role,
                path,
                model: Some(region),
            });
        }
        match primaries.as_slice() {
            [] if !stack.regions.is_empty() => self.report(
                Diagnostic::new(
                    codes::E102,
                    StackPath::root().key("regions"),
                    "no region has `role: primary`; exactly one must",
                )
                .with_help("mark the region that holds the database writer `role: primary`"),
            ),
            [_] | [] => {}
            [first, rest @ ..] => {
                for other in rest {
                    self.report(
                        Diagnostic::new(
                            codes::E102,
                            other.key("role"),
                            "a second region has `role: primary`; exactly one may",
                        )
                        .with_help("make this region `secondary` or `optional`")
                        .with_related(first.key("role"), "the first primary region"),
                    );
                }
            }
        }
        // Regions that only receive replicated buckets get a storage-only unit.
        for (index, bucket) in stack.buckets.iter().enumerate() {
            let path = StackPath::root().key("buckets").index(index).key("region");
            if seen.contains(bucket.region.as_str()) {
                continue;
            }
            let Some(info) = self.check_region_code(&path, &bucket.region) else {
                continue;
            };
            if partitions.insert(info.partition) {
                partition_places.push((info.partition, bucket.region.clone(), path.clone()));
            }
            seen.insert(&bucket.region);
            regions.push(ResolvedRegion {
                code: RegionCode::from(&bucket.region),
                role: RegionRole::StorageOnly,
                path,
                model: None,
            });
        }
        if let [(first_partition, first_region, first_path), others @ ..] =
            partition_places.as_slice()
        {
            for (partition, region, path) in others {
                self.report(
                    Diagnostic::new(
                        codes::E104,
                        path.clone(),
                        format!(
                            "`{region}` is in the {partition} partition, but `{first_region}` is in {first_partition}; cross-region replication and references cannot cross partitions"
                        ),
                    )
                    .with_help("keep China and GovCloud regions in stacks of their own")
                    .with_related(first_path.clone(), format!("the first region in {first_partition}")),
                );
            }
        }
        let primary = regions
            .iter()
            .find(|region| region.role == RegionRole::Primary)
            .map(|region| region.code.clone());
        Regions {
            list: regions,
            primary,
        }
    }

    /// Checks a region code, reporting E101 with a suggestion when it is unknown.
    pub(crate) fn check_region_code(
        &mut self,
        path: &StackPath,
        code: &str,
    ) -> Option<&'static aws::RegionInfo> {
        let info = aws::region_info(code);
        if info.is_none() {
            let suggestion = suggest_list(code, aws::REGIONS.iter().map(|region| region.code));
            // Remembered so that the findings that follow from the typo are not reported.
            self.misspelt_regions.push((code.to_owned(), suggestion));
            let help = match suggestion {
                Some(suggestion) => format!("did you mean `{suggestion}`?"),
                None => "use an AWS region code such as `us-east-1` or `eu-west-1`".to_owned(),
            };
            self.report(
                Diagnostic::new(
                    codes::E101,
                    path.clone(),
                    format!("`{code}` is not an AWS region code"),
                )
                .with_help(help),
            );
        }
        info
    }
}

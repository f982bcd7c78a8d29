//! Settings of one read replica that differ from the writer's: Multi-AZ, storage type and
//! provisioned IOPS (E741), storage ceiling (E742) and Performance Insights. What the stack
//! leaves out is the writer's setting, or RDS's for a replica.

use meridian_model::{Diagnostic, ReadReplica, ReplicaStorageType, StackPath, codes};

use super::*;
use crate::aws;
use crate::defaults;
use crate::types::DbStorageType;

/// A replica's own settings, decided.
pub(crate) struct ReplicaSettings {
    pub(crate) storage_type: DbStorageType,
    pub(crate) iops: Option<u32>,
    pub(crate) multi_az: Option<bool>,
    pub(crate) max_storage_gb: u32,
    pub(crate) performance_insights: bool,
}

impl Resolver<'_> {
    /// The settings of `replica`, whose writer allocates `storage_gb` with the ceiling
    /// `writer_ceiling`; reports IOPS (E741) and a ceiling (E742) RDS would refuse.
    pub(crate) fn replica_settings(
        &mut self,
        path: &StackPath,
        replica: &ReadReplica,
        storage_gb: u32,
        writer_ceiling: u32,
    ) -> ReplicaSettings {
        let storage_type = match replica.storage_type {
            None => defaults::DATABASE_STORAGE_TYPE,
            Some(ReplicaStorageType::Gp3) => DbStorageType::Gp3,
            Some(ReplicaStorageType::Io1) => DbStorageType::Io1,
            Some(ReplicaStorageType::Io2) => DbStorageType::Io2,
        };
        if let Some(problem) = iops_problem(storage_type, replica.iops, storage_gb) {
            self.report(
                Diagnostic::new(codes::E741, path.key("iops"), problem).with_help(
                    "io1 and io2 take `iops` (0.5 to 50 per GiB for io1, up to 1,000 for io2); gp3 takes them only from 400 GiB",
                ),
            );
        }
        let max_storage_gb = replica.max_storage_gb.unwrap_or(writer_ceiling);
        let percent = aws::limits::RDS_MAX_STORAGE_MIN_PERCENT;
        if replica.max_storage_gb.is_some()
            && (u64::from(max_storage_gb) * 100 < u64::from(storage_gb) * u64::from(percent)
                || max_storage_gb > *aws::limits::RDS_GP3_STORAGE_GIB.end())
        {
            let least = (u64::from(storage_gb) * u64::from(percent)).div_ceil(100);
            self.report(
                Diagnostic::new(
                    codes::E742,
                    path.key("max_storage_gb"),
                    format!(
                        "the replica's `max_storage_gb: {max_storage_gb}` must be at least {least} (10 % above the writer's {storage_gb} GiB, which the replica copies) and at most {}",
                        aws::limits::RDS_GP3_STORAGE_GIB.end()
                    ),
                )
                .with_help("leave it out to follow the writer's ceiling"),
            );
        }
        ReplicaSettings {
            storage_type,
            iops: replica.iops,
            multi_az: replica.multi_az,
            max_storage_gb,
            performance_insights: replica
                .performance_insights
                .unwrap_or(defaults::PERFORMANCE_INSIGHTS),
        }
    }
}

/// Why RDS would refuse `iops` on a `storage_type` volume of `storage_gb` GiB.
fn iops_problem(storage_type: DbStorageType, iops: Option<u32>, storage_gb: u32) -> Option<String> {
    let per_gib_tenths = |iops: u32| u64::from(iops) * 10 / u64::from(storage_gb.max(1));
    match (storage_type, iops) {
        (DbStorageType::Io1 | DbStorageType::Io2, None) => Some(format!(
            "a replica on {} storage needs `iops`",
            storage_type.as_str()
        )),
        (DbStorageType::Io1 | DbStorageType::Io2, Some(iops)) => {
            let ratio = if storage_type == DbStorageType::Io1 {
                aws::limits::RDS_IO1_IOPS_PER_GIB_TENTHS
            } else {
                aws::limits::RDS_IO2_IOPS_PER_GIB_TENTHS
            };
            if !aws::limits::RDS_PROVISIONED_IOPS.contains(&iops) {
                Some(format!(
                    "{iops} IOPS is outside {} IOPS of {} storage",
                    range_text(&aws::limits::RDS_PROVISIONED_IOPS),
                    storage_type.as_str()
                ))
            } else if !ratio.contains(&per_gib_tenths(iops)) {
                Some(format!(
                    "{iops} IOPS on {storage_gb} GiB is outside {} to {} IOPS per GiB of {} storage",
                    *ratio.start() as f64 / 10.0,
                    *ratio.end() as f64 / 10.0,
                    storage_type.as_str()
                ))
            } else {
                None
            }
        }
        (DbStorageType::Gp3, Some(iops)) => {
            if storage_gb < aws::limits::RDS_GP3_IOPS_MIN_STORAGE_GIB {
                Some(format!(
                    "gp3 IOPS can be set from {} GiB, and the writer allocates {storage_gb} GiB",
                    aws::limits::RDS_GP3_IOPS_MIN_STORAGE_GIB
                ))
            } else if !aws::limits::RDS_GP3_IOPS.contains(&iops) {
                Some(format!(
                    "{iops} IOPS is outside {} IOPS of gp3 storage",
                    range_text(&aws::limits::RDS_GP3_IOPS)
                ))
            } else {
                None
            }
        }
        (DbStorageType::Gp3, None) => None,
    }
}

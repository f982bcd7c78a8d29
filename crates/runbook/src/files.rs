//! The file names of the runbooks, in one place: [`crate::render`] writes the files under these
//! names, and the view-models hand the same names to templates that mention another runbook.

/// The architecture document.
pub(crate) const ARCHITECTURE: &str = "ARCHITECTURE.md";

/// The script that deploys every stack in order.
pub(crate) const DEPLOY: &str = "deploy.sh";

/// The failover readiness test.
pub(crate) const TEST_FAILOVER: &str = "test-failover.sh";

/// The script that rolls a new image out to a region's services.
pub(crate) fn deploy_blue_green(region: &str) -> String {
    format!("deploy-blue-green-{region}.sh")
}

/// The script that rolls a region's services back.
pub(crate) fn rollback(region: &str) -> String {
    format!("rollback-{region}.sh")
}

/// The application's configuration in a region (the seed's `configs/config.yaml`).
pub(crate) fn app_config(region: &str) -> String {
    format!("config/{region}.yaml")
}

/// The runbook that promotes the read replica in a region.
pub(crate) fn promote_replica(region: &str) -> String {
    format!("promote-replica-{region}.md")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            deploy_blue_green("eu-west-1"),
            "deploy-blue-green-eu-west-1.sh"
        );
        assert_eq!(rollback("eu-west-1"), "rollback-eu-west-1.sh");
        assert_eq!(promote_replica("eu-west-1"), "promote-replica-eu-west-1.md");
    }
}

//! Facts about AWS that checks rely on: region codes, Fargate sizes, instance classes, engine
//! versions, retention values. Each table says where it comes from; none of them is a decision.

/// The tag key the AWS console shows as a resource's name.
pub const NAME_TAG: &str = "Name";

/// The port of HTTPS: listeners that serve the stack's domain and egress to AWS APIs use it.
pub const HTTPS_PORT: u32 = 443;
/// Every IPv4 address: the destination of default routes.
pub const IPV4_ANYWHERE: &str = "0.0.0.0/0";
/// How every route table ID starts (`rtb-0123456789abcdef0`).
pub const ROUTE_TABLE_ID_PREFIX: &str = "rtb-";
/// The domain of an Elastic IP used in a VPC (NAT gateways); `standard` is EC2-Classic, retired.
pub const EIP_DOMAIN_VPC: &str = "vpc";

/// The `DescribeAvailabilityZones` filter that keeps a region's standard zones: Local and
/// Wavelength Zones need an opt-in, standard zones do not.
pub const STANDARD_ZONES_FILTER: &str = "opt-in-status";
/// See [`STANDARD_ZONES_FILTER`].
pub const STANDARD_ZONES_FILTER_VALUE: &str = "opt-in-not-required";

/// How an ECS health check runs a shell command: the first element of its command list.
pub const ECS_SHELL_COMMAND: &str = "CMD-SHELL";
/// Application Auto Scaling's namespace of ECS services.
pub const ECS_SCALING_NAMESPACE: &str = "ecs";
/// Application Auto Scaling's dimension of an ECS service's task count.
pub const ECS_DESIRED_COUNT_DIMENSION: &str = "ecs:service:DesiredCount";

/// The CloudFormation macro that expands `HostedRotationLambda` into the rotation function's
/// application.
pub const SECRETS_MANAGER_TRANSFORM: &str = "AWS::SecretsManager-2020-07-23";
/// The fields of an RDS master secret that RDS rotation and clients read the credentials from.
pub const SECRET_USERNAME_FIELD: &str = "username";
/// See [`SECRET_USERNAME_FIELD`].
pub const SECRET_PASSWORD_FIELD: &str = "password";
/// The characters Secrets Manager's password generator draws punctuation from: every printable
/// ASCII character that is neither a letter, a digit nor a space.
pub const SECRETS_MANAGER_PUNCTUATION: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/// The Serverless Application Repository application of an AWS-hosted rotation function in
/// `partition`: each partition publishes them from its own account and region (the table the AWS
/// CDK uses, `aws-secretsmanager/lib/rotation-schedule.ts`).
pub fn rotation_application_id(partition: &str, application: &str) -> String {
    let (region, account) = match partition {
        "aws-cn" => ("cn-north-1", "193023089310"),
        "aws-us-gov" => ("us-gov-west-1", "023102451235"),
        _ => ("us-east-1", "297356227824"),
    };
    format!("arn:{partition}:serverlessrepo:{region}:{account}:applications/{application}")
}

/// The first character of `path` an ALB refuses in a health-check path (or, with `wildcards`,
/// a path-pattern condition): anything but ASCII letters, digits and
/// [`limits::ALB_PATH_PUNCTUATION`].
pub fn alb_path_refused_character(path: &str, wildcards: bool) -> Option<char> {
    path.chars().find(|&c| {
        !(c.is_ascii_alphanumeric()
            || limits::ALB_PATH_PUNCTUATION.contains(c)
            || (wildcards && limits::ALB_PATH_WILDCARDS.contains(c)))
    })
}

/// How the AWS CLI tells an option from a value: a word starting with `-` is read as an option,
/// also inside a list such as `aws cloudformation deploy --tags`, which takes only `Key=Value`
/// words (the CLI parses its arguments with Python's `argparse`; aws-cli 1.45 answers
/// `--tags a=b -x=y` with "Unknown options: -x=y"; `argparse` lets a word through when it holds
/// a space, an exception E107 does not rely on). A tag key starting with it is valid in AWS but
/// the deploy script could not pass it to the stacks.
pub const CLI_OPTION_PREFIX: char = '-';
/// Where `aws cloudformation deploy` splits each `--tags` word into key and value: at the first
/// `=` (aws-cli, `customizations/cloudformation/deploy.py`, `parse_key_value_arg`: "Split at
/// first '=' from left"). A tag key holding it is valid in AWS, but the deploy script's
/// `a=b=c` would tag every resource `a` with the value `b=c`, without an error.
pub const CLI_KEY_VALUE_SEPARATOR: char = '=';

/// Whether AWS accepts `c` in a tag key or value: a letter, a digit, a space separator, or
/// [`limits::TAG_PUNCTUATION`].
pub fn is_tag_character(c: char) -> bool {
    c.is_alphanumeric() || c == ' ' || limits::TAG_PUNCTUATION.contains(c)
}

/// Whether an ElastiCache Global Datastore (`AWS::ElastiCache::GlobalReplicationGroup`) accepts
/// `c` in a tag key or value: its registry schema allows only ASCII letters and digits, spaces and
/// [`limits::TAG_PUNCTUATION`] (`^[a-zA-Z0-9 _\.\/=+:\-@]*$`), where other resources take any
/// letter.
pub fn is_global_datastore_tag_character(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == ' ' || limits::TAG_PUNCTUATION.contains(c)
}

/// A commercial, GovCloud or China region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegionInfo {
    /// Region code, e.g. `us-east-1`.
    pub code: &'static str,
    /// ARN partition.
    pub partition: &'static str,
    /// Account that Elastic Load Balancing writes access logs from, for regions opened before
    /// August 2022; newer regions use the `logdelivery.elasticloadbalancing.amazonaws.com`
    /// service principal instead.
    pub elb_log_account: Option<&'static str>,
}

const fn region(
    code: &'static str,
    partition: &'static str,
    elb: Option<&'static str>,
) -> RegionInfo {
    RegionInfo {
        code,
        partition,
        elb_log_account: elb,
    }
}

/// Regions CloudFormation and the Terraform AWS provider know (the region list of cfn-lint
/// 1.58's bundled schemas, without the isolated ISO partitions).
pub const REGIONS: &[RegionInfo] = &[
    region("us-east-1", "aws", Some("127311923021")),
    region("us-east-2", "aws", Some("033677994240")),
    region("us-west-1", "aws", Some("027434742980")),
    region("us-west-2", "aws", Some("797873946194")),
    region("af-south-1", "aws", Some("098369216593")),
    region("ap-east-1", "aws", Some("754344448648")),
    region("ap-east-2", "aws", None),
    region("ap-south-1", "aws", Some("718504428378")),
    region("ap-south-2", "aws", None),
    region("ap-northeast-1", "aws", Some("582318560864")),
    region("ap-northeast-2", "aws", Some("600734575887")),
    region("ap-northeast-3", "aws", Some("383597477331")),
    region("ap-southeast-1", "aws", Some("114774131450")),
    region("ap-southeast-2", "aws", Some("783225319266")),
    region("ap-southeast-3", "aws", Some("589379963580")),
    region("ap-southeast-4", "aws", None),
    region("ap-southeast-5", "aws", None),
    region("ap-southeast-6", "aws", None),
    region("ap-southeast-7", "aws", None),
    region("ca-central-1", "aws", Some("985666609251")),
    region("ca-west-1", "aws", None),
    region("eu-central-1", "aws", Some("054676820928")),
    region("eu-central-2", "aws", None),
    region("eu-north-1", "aws", Some("897822967062")),
    region("eu-south-1", "aws", Some("635631232127")),
    region("eu-south-2", "aws", None),
    region("eu-west-1", "aws", Some("156460612806")),
    region("eu-west-2", "aws", Some("652711504416")),
    region("eu-west-3", "aws", Some("009996457667")),
    region("il-central-1", "aws", None),
    region("me-central-1", "aws", None),
    region("me-south-1", "aws", Some("076674570225")),
    region("mx-central-1", "aws", None),
    region("sa-east-1", "aws", Some("507241528517")),
    region("us-gov-east-1", "aws-us-gov", Some("190560391635")),
    region("us-gov-west-1", "aws-us-gov", Some("048591011584")),
    region("cn-north-1", "aws-cn", Some("638102146993")),
    region("cn-northwest-1", "aws-cn", Some("037604701340")),
];

/// Looks a region up by code.
pub fn region_info(code: &str) -> Option<&'static RegionInfo> {
    REGIONS.iter().find(|info| info.code == code)
}

/// Availability zones an account can use in a region: three in most regions; more where AWS
/// offers more to every account, two in us-west-1 (newer accounts see only two).
pub fn availability_zone_count(code: &str) -> u8 {
    match code {
        "us-east-1" => 6,
        "us-west-2" | "ap-northeast-2" => 4,
        "us-west-1" => 2,
        _ => 3,
    }
}

/// Region where global resources live in the `aws` partition: CloudFront reads certificates
/// there and Route 53 publishes health-check metrics only there, so alarms on them must be there
/// too.
pub const GLOBAL_REGION: &str = "us-east-1";

/// Region of Global Accelerator's control plane: "you must specify the US West (Oregon) Region
/// to create, update, or otherwise work with accelerators" (Global Accelerator developer
/// guide), so the accelerator's CloudFormation stack deploys there. Only the `aws` partition
/// has Global Accelerator.
pub const ACCELERATOR_REGION: &str = "us-west-2";
/// The partition that has Global Accelerator.
pub const ACCELERATOR_PARTITION: &str = "aws";

/// The hosted zone of every CloudFront distribution's domain name, which alias records name.
pub fn cloudfront_hosted_zone_id(partition: &str) -> &'static str {
    match partition {
        "aws-cn" => "Z3RFFRIM2A3IF5",
        _ => "Z2FDTNDATAQYW2",
    }
}

/// Region where global resources live in a partition (Route 53's home region).
pub fn global_region(partition: &str) -> &'static str {
    match partition {
        "aws-us-gov" => "us-gov-west-1",
        "aws-cn" => "cn-northwest-1",
        _ => GLOBAL_REGION,
    }
}

/// Valid Fargate memory sizes (MiB) for a CPU size, or `None` for an invalid CPU size.
pub fn fargate_memory_options(cpu: u32) -> Option<Vec<u32>> {
    let (low, high, step) = match cpu {
        256 => return Some(vec![512, 1024, 2048]),
        512 => (1024, 4096, 1024),
        1024 => (2048, 8192, 1024),
        2048 => (4096, 16384, 1024),
        4096 => (8192, 30720, 1024),
        8192 => (16384, 61440, 4096),
        16384 => (32768, 122880, 8192),
        _ => return None,
    };
    Some((low..=high).step_by(step).collect())
}

/// Fargate CPU sizes.
pub const FARGATE_CPU: &[u32] = &[256, 512, 1024, 2048, 4096, 8192, 16384];

/// RDS for PostgreSQL instance families and their sizes (cfn-lint 1.58's RDS instance-class
/// table for PostgreSQL 16 to 18).
const POSTGRES_CLASSES: &[(&str, &[&str])] = &[
    (
        "t3",
        &["micro", "small", "medium", "large", "xlarge", "2xlarge"],
    ),
    (
        "t4g",
        &["micro", "small", "medium", "large", "xlarge", "2xlarge"],
    ),
    (
        "m5",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge",
        ],
    ),
    (
        "m5d",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge",
        ],
    ),
    (
        "m6g",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge",
        ],
    ),
    (
        "m6gd",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge",
        ],
    ),
    (
        "m6i",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge",
            "32xlarge",
        ],
    ),
    (
        "m6id",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge",
            "32xlarge",
        ],
    ),
    (
        "m6idn",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge",
            "32xlarge",
        ],
    ),
    (
        "m6in",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge",
            "32xlarge",
        ],
    ),
    (
        "m7g",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge",
        ],
    ),
    (
        "m7i",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge",
            "48xlarge",
        ],
    ),
    (
        "m8g",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge",
            "48xlarge",
        ],
    ),
    (
        "r5",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge",
        ],
    ),
    (
        "r5b",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge",
        ],
    ),
    (
        "r5d",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge",
        ],
    ),
    (
        "r6g",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge",
        ],
    ),
    (
        "r6gd",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge",
        ],
    ),
    (
        "r6i",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge",
            "32xlarge",
        ],
    ),
    (
        "r6id",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge",
            "32xlarge",
        ],
    ),
    (
        "r6idn",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge",
            "32xlarge",
        ],
    ),
    (
        "r6in",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge",
            "32xlarge",
        ],
    ),
    (
        "r7g",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge",
        ],
    ),
    (
        "r7i",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge",
            "48xlarge",
        ],
    ),
    (
        "r8g",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge",
            "48xlarge",
        ],
    ),
    (
        "x2g",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge",
        ],
    ),
];

/// Whether `class` is an RDS instance class PostgreSQL runs on.
pub fn is_postgres_instance_class(class: &str) -> bool {
    let mut parts = class.splitn(3, '.');
    let (Some("db"), Some(family), Some(size)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    POSTGRES_CLASSES
        .iter()
        .any(|(known, sizes)| *known == family && sizes.contains(&size))
}

/// Memory of an RDS for PostgreSQL instance class, in GiB, or `None` for a class this table does
/// not know. RDS's default `max_connections` grows with it (`DBInstanceClassMemory / 9531392`),
/// so it tells which of two classes gets fewer connections. Source: RDS User Guide, "Hardware
/// specifications for DB instance classes": burstable classes from 1 GiB (`micro`) doubling per
/// size; general purpose (M) 8 GiB, memory optimized (R) 16 GiB and X2g 32 GiB at `large`,
/// doubling at `xlarge` and growing linearly with the multiple (`4xlarge` = 4 × `xlarge`).
pub fn postgres_instance_memory_gib(class: &str) -> Option<u32> {
    if !is_postgres_instance_class(class) {
        return None;
    }
    let mut parts = class.splitn(3, '.').skip(1);
    let (family, size) = (parts.next()?, parts.next()?);
    if family.starts_with('t') {
        return match size {
            "micro" => Some(1),
            "small" => Some(2),
            "medium" => Some(4),
            "large" => Some(8),
            "xlarge" => Some(16),
            "2xlarge" => Some(32),
            _ => None,
        };
    }
    let at_large = match family.chars().next()? {
        'm' => 8,
        'r' => 16,
        'x' => 32,
        _ => return None,
    };
    let multiple = match size {
        "large" => 1,
        "xlarge" => 2,
        other => other.strip_suffix("xlarge")?.parse::<u32>().ok()? * 2,
    };
    Some(at_large * multiple)
}

/// RDS for PostgreSQL's default `max_connections` on `class`: `LEAST({DBInstanceClassMemory /
/// 9531392}, 5000)` (AWS Prescriptive Guidance, "Tuning PostgreSQL parameters in Amazon RDS and
/// Aurora", `max_connections`: "Default value: LEAST(DBInstanceClassMemory/9531392,5000)"), or
/// `None` for a class this table does not know. Computed from the class's nominal memory: RDS
/// keeps some memory for itself, so the real figure is a little lower, but the order of two
/// classes is the same (the classes at the cap have 64 GiB or more, those below 32 GiB or less).
pub fn postgres_default_max_connections(class: &str) -> Option<u32> {
    let bytes = u64::from(postgres_instance_memory_gib(class)?) << 30;
    let connections = bytes / limits::RDS_POSTGRES_BYTES_PER_DEFAULT_CONNECTION;
    Some(
        u32::try_from(connections)
            .unwrap_or(u32::MAX)
            .min(limits::RDS_POSTGRES_DEFAULT_MAX_CONNECTIONS),
    )
}

/// Regions with a Serverless Application Repository endpoint, where Secrets Manager's hosted
/// rotation functions can be deployed (General Reference, "AWS Serverless Application Repository
/// endpoints and quotas", https://docs.aws.amazon.com/general/latest/gr/serverlessrepo.html; the
/// newer regions, e.g. `af-south-1`, `ap-northeast-3`, `ap-southeast-3` and later,
/// `eu-south-1`, `il-central-1`, `mx-central-1`, have none).
pub const SERVERLESS_REPO_REGIONS: &[&str] = &[
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ap-east-1",
    "ap-south-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ca-central-1",
    "eu-central-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-north-1",
    "me-south-1",
    "sa-east-1",
    "us-gov-east-1",
    "us-gov-west-1",
    "cn-north-1",
    "cn-northwest-1",
];

/// Regions an account must enable before using them (Account Management Reference Guide,
/// "Enable or disable AWS Regions in your account": every region launched after 20 March 2019).
pub const OPT_IN_REGIONS: &[&str] = &[
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-south-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-west-1",
    "eu-central-2",
    "eu-south-1",
    "eu-south-2",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
];

/// Every PostgreSQL instance class, for suggestions.
pub fn postgres_instance_classes() -> Vec<String> {
    POSTGRES_CLASSES
        .iter()
        .flat_map(|(family, sizes)| sizes.iter().map(move |size| format!("db.{family}.{size}")))
        .collect()
}

/// PostgreSQL versions RDS offers and has not deprecated (cfn-lint 1.58's engine-version table
/// minus its deprecated list).
pub const POSTGRES_VERSIONS: &[&str] = &[
    "13.23", "14.18", "14.19", "14.20", "14.21", "14.22", "14.23", "14.24", "15.13", "15.14",
    "15.15", "15.16", "15.17", "15.18", "15.19", "16.9", "16.10", "16.11", "16.12", "16.13",
    "16.14", "16.15", "17.5", "17.6", "17.7", "17.8", "17.9", "17.10", "17.11", "18.1", "18.2",
    "18.3", "18.4", "18.6",
];

/// ElastiCache node families and sizes (cfn-lint 1.58's node-type table).
const CACHE_NODE_TYPES: &[(&str, &[&str])] = &[
    ("t3", &["micro", "small", "medium"]),
    ("t4g", &["micro", "small", "medium"]),
    (
        "m5",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge",
        ],
    ),
    (
        "m6g",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge",
        ],
    ),
    (
        "m7g",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge",
        ],
    ),
    (
        "m8g",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge",
        ],
    ),
    (
        "r5",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge",
        ],
    ),
    (
        "r6g",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge",
        ],
    ),
    (
        "r6gd",
        &[
            "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge",
        ],
    ),
    (
        "r7g",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge",
        ],
    ),
    (
        "r8g",
        &[
            "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge",
        ],
    ),
];

/// Whether `node_type` is an ElastiCache node type.
pub fn is_cache_node_type(node_type: &str) -> bool {
    cache_family(node_type).is_some()
}

fn cache_family(node_type: &str) -> Option<&'static str> {
    let mut parts = node_type.splitn(3, '.');
    let (Some("cache"), Some(family), Some(size)) = (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    CACHE_NODE_TYPES
        .iter()
        .find(|(known, sizes)| *known == family && sizes.contains(&size))
        .map(|(known, _)| *known)
}

/// Whether a node type may join a Global Datastore (burstable T families may not).
pub fn cache_node_type_supports_global_datastore(node_type: &str) -> bool {
    cache_family(node_type).is_some_and(|family| !family.starts_with('t'))
}

/// Every ElastiCache node type, for suggestions.
pub fn cache_node_types() -> Vec<String> {
    CACHE_NODE_TYPES
        .iter()
        .flat_map(|(family, sizes)| {
            sizes
                .iter()
                .map(move |size| format!("cache.{family}.{size}"))
        })
        .collect()
}

/// Redis versions ElastiCache offers (Global Datastore needs 5.0.6 or later).
pub const REDIS_VERSIONS: &[&str] = &["6.2", "7.0", "7.1"];

/// Retention periods CloudWatch Logs accepts, in days.
pub const LOG_RETENTION_DAYS: &[u32] = &[
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

/// TLS policies of Application Load Balancer HTTPS listeners that still get updates.
pub const ALB_TLS_POLICIES: &[&str] = &[
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
];

/// The methods a CloudFront cache behavior allows and caches when none are given: what a
/// static-asset distribution serves.
pub const CLOUDFRONT_DEFAULT_METHODS: [&str; 2] = ["GET", "HEAD"];

/// Whether `period` is a valid CloudWatch alarm/metric period: 10, 30 or a multiple of 60.
pub fn is_valid_cloudwatch_period(period: u32) -> bool {
    period == 10 || period == 30 || (period >= 60 && period.is_multiple_of(60))
}

/// Route 53 considers an endpoint healthy when more than 18 % of its health checkers report it
/// healthy (Route 53 Developer Guide, "How Amazon Route 53 determines whether a health check is
/// healthy").
pub const ROUTE53_HEALTHY_CHECKER_PERCENT: u32 = 18;

/// Largest template body CloudFormation accepts inline in a request, in bytes; larger templates
/// (up to 1 MB) must come from S3 (CloudFormation quotas, "Template body size in a request").
pub const CFN_INLINE_TEMPLATE_MAX_BYTES: u32 = 51_200;

/// Seconds between polls of the AWS CLI's ECS waiters such as `services-stable` (the botocore
/// waiter model for ECS).
pub const ECS_WAITER_DELAY_SECONDS: u32 = 15;

/// Period at which RDS publishes its CloudWatch metrics such as `ReplicaLag`: one minute (RDS
/// User Guide, "Monitoring Amazon RDS metrics with Amazon CloudWatch").
pub const RDS_METRIC_PERIOD_SECONDS: u32 = 60;

/// What AWS (and, for database names, PostgreSQL) accepts: the ranges, sizes and counts the
/// checks hold settings to. Each constant says where the limit is documented. Ranges Meridian
/// narrows for its own reasons are in [`crate::defaults::bounds`].
/// Step Functions' AWS SDK integrations call the service in the state machine's own region;
/// there is no cross-region option without function code (AWS CDK's `CallAwsServiceCrossRegion`
/// ships a Lambda function for it). Cross-region effects of the failover workflow therefore go
/// through EventBridge: a rule may target the default event bus of another region (cross-Region
/// event routing, all commercial regions), as a role allowed `events:PutEvents` on that bus.
pub const DEFAULT_EVENT_BUS: &str = "default";
/// `detail-type` of the event the failover workflow puts on the buses when the writer moved.
pub const WRITER_MOVED_DETAIL_TYPE: &str = "WriterMoved";
/// `source` and `detail-type` of CloudWatch alarm state changes on the default bus.
pub const ALARM_STATE_CHANGE: (&str, &str) = ("aws.cloudwatch", "CloudWatch Alarm State Change");
/// The alarm state that starts an automatic failover.
pub const ALARM_STATE: &str = "ALARM";
/// `DescribeDBInstances` status of an instance that accepts connections again.
pub const DB_AVAILABLE_STATUS: &str = "available";
/// `Role` of the Global Datastore member that takes writes (`DescribeGlobalReplicationGroups`
/// with `ShowMemberInfo`).
pub const GLOBAL_DATASTORE_PRIMARY_ROLE: &str = "PRIMARY";
/// The PostgreSQL setting that makes new transactions read-only: set on a former writer's
/// parameter group (a dynamic parameter, applied without a reboot) so a recovered old primary
/// refuses writes instead of splitting the brain. A client can still override it per session,
/// so the moved endpoints remain the main fence.
pub const POSTGRES_READ_ONLY_PARAMETER: (&str, &str) = ("default_transaction_read_only", "1");
/// RDS's apply method for a dynamic parameter.
pub const APPLY_IMMEDIATELY: &str = "immediate";
/// The actions a state machine's role needs to deliver logs to CloudWatch Logs; they take no
/// resource-level permission (Step Functions Developer Guide, "IAM policies for logging to
/// CloudWatch Logs").
pub const STATE_MACHINE_LOG_DELIVERY_ACTIONS: &[&str] = &[
    "logs:CreateLogDelivery",
    "logs:DeleteLogDelivery",
    "logs:DescribeLogGroups",
    "logs:DescribeResourcePolicies",
    "logs:GetLogDelivery",
    "logs:ListLogDeliveries",
    "logs:PutResourcePolicy",
    "logs:UpdateLogDelivery",
];
/// The actions X-Ray tracing of a state machine needs; they take no resource-level permission.
pub const STATE_MACHINE_TRACING_ACTIONS: &[&str] = &[
    "xray:GetSamplingRules",
    "xray:GetSamplingTargets",
    "xray:PutTelemetryRecords",
    "xray:PutTraceSegments",
];

pub mod limits {
    use std::ops::RangeInclusive;

    /// What AWS accepts as one kind of physical name: its length, its characters, and the
    /// hyphens and prefixes it refuses. Meridian checks every name a stack sets against its rule
    /// once the placeholders are expanded.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct NameRule {
        /// The name's kind, as a diagnostic says it: `an Application Load Balancer name`.
        pub what: &'static str,
        /// Fewest characters.
        pub min: usize,
        /// Most characters.
        pub max: usize,
        /// Punctuation allowed beside ASCII letters and digits; `None`: any character but
        /// the ones in `refused`.
        pub punctuation: Option<&'static str>,
        /// Characters refused when `punctuation` is `None`.
        pub refused: &'static str,
        /// Whether the name may not start or end with a hyphen.
        pub no_edge_hyphen: bool,
        /// A prefix the name may not start with.
        pub reserved_prefix: Option<&'static str>,
        /// Whether letters must be lowercase.
        pub lowercase: bool,
    }

    impl NameRule {
        /// Why `name` breaks the rule, or `None`.
        pub fn problem(&self, name: &str) -> Option<String> {
            let length = name.chars().count();
            if length < self.min || length > self.max {
                return Some(format!(
                    "{} has {} to {} characters, and `{name}` has {length}",
                    self.what, self.min, self.max
                ));
            }
            let refused = name.chars().find(|&c| match self.punctuation {
                Some(allowed) => !(c.is_ascii_alphanumeric() || allowed.contains(c)),
                None => c.is_control() || self.refused.contains(c),
            });
            if let Some(bad) = refused {
                return Some(format!(
                    "{} may not hold {bad:?}: `{name}` ({})",
                    self.what,
                    self.allowed()
                ));
            }
            if self.lowercase && name.chars().any(|c| c.is_ascii_uppercase()) {
                return Some(format!("{} is lowercase: `{name}`", self.what));
            }
            if self.no_edge_hyphen && (name.starts_with('-') || name.ends_with('-')) {
                return Some(format!(
                    "{} may not start or end with a hyphen: `{name}`",
                    self.what
                ));
            }
            if let Some(prefix) = self.reserved_prefix
                && name.starts_with(prefix)
            {
                return Some(format!(
                    "{} may not start with `{prefix}`: `{name}`",
                    self.what
                ));
            }
            None
        }

        /// The whole rule in words: `1 to 32 characters: letters, digits and `-`, not starting
        /// or ending with a hyphen, not starting with `internal-``.
        pub fn summary(&self) -> String {
            let mut summary = format!(
                "{} to {} characters: {}",
                self.min,
                self.max,
                self.allowed()
            );
            if self.lowercase {
                summary.push_str(", lowercase");
            }
            if self.no_edge_hyphen {
                summary.push_str(", not starting or ending with a hyphen");
            }
            if let Some(prefix) = self.reserved_prefix {
                summary.push_str(&format!(", not starting with `{prefix}`"));
            }
            summary
        }

        /// The characters the rule allows, in words.
        pub fn allowed(&self) -> String {
            match self.punctuation {
                Some("") => "letters and digits only".to_owned(),
                Some(punctuation) => format!(
                    "letters, digits and {}",
                    punctuation
                        .chars()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
                None if self.refused.is_empty() => {
                    "any character but control characters".to_owned()
                }
                None => format!(
                    "any character but control characters and `{}`",
                    self.refused
                ),
            }
        }
    }

    /// Application Load Balancer names (ELBv2 API `CreateLoadBalancer`, `Name`: unique per
    /// region and account).
    pub const ALB_NAME: NameRule = NameRule {
        what: "an Application Load Balancer name",
        min: 1,
        max: 32,
        punctuation: Some("-"),
        refused: "",
        no_edge_hyphen: true,
        reserved_prefix: Some("internal-"),
        lowercase: false,
    };
    /// Target group names (ELBv2 API `CreateTargetGroup`, `Name`: unique per region and
    /// account).
    pub const TARGET_GROUP_NAME: NameRule = NameRule {
        what: "a target group name",
        min: 1,
        max: 32,
        punctuation: Some("-"),
        refused: "",
        no_edge_hyphen: true,
        reserved_prefix: None,
        lowercase: false,
    };
    /// ECS cluster names (ECS API `CreateCluster`, `clusterName`: unique per region and
    /// account).
    pub const ECS_CLUSTER_NAME: NameRule = NameRule {
        what: "an ECS cluster name",
        min: 1,
        max: 255,
        punctuation: Some("-_"),
        refused: "",
        no_edge_hyphen: false,
        reserved_prefix: None,
        lowercase: false,
    };
    /// ECS service names, also the task-definition family (ECS API `CreateService`,
    /// `serviceName`: unique per cluster; `RegisterTaskDefinition`, `family`).
    pub const ECS_SERVICE_NAME: NameRule = NameRule {
        what: "an ECS service name",
        min: 1,
        max: 255,
        punctuation: Some("-_"),
        refused: "",
        no_edge_hyphen: false,
        reserved_prefix: None,
        lowercase: false,
    };
    /// CloudWatch Logs log group names (CloudWatch Logs API `CreateLogGroup`: unique per region
    /// and account).
    pub const LOG_GROUP_NAME: NameRule = NameRule {
        what: "a log group name",
        min: 1,
        max: LOG_GROUP_NAME_LENGTH,
        punctuation: Some("_-/.#"),
        refused: "",
        no_edge_hyphen: false,
        reserved_prefix: None,
        lowercase: false,
    };
    /// Most characters of a log stream name (CloudWatch Logs API `CreateLogStream`).
    pub const LOG_STREAM_NAME_LENGTH: usize = 512;
    /// Characters of an ECS task ID, the last part of an `awslogs` stream name.
    pub const ECS_TASK_ID_LENGTH: usize = 32;
    /// `awslogs-stream-prefix`: the stream is `<prefix>/<container>/<task ID>`, at most
    /// [`LOG_STREAM_NAME_LENGTH`] characters without `:` or `*`; the container name is at most
    /// a service entity name (32 characters).
    pub const LOG_STREAM_PREFIX: NameRule = NameRule {
        what: "a log stream prefix",
        min: 1,
        max: LOG_STREAM_NAME_LENGTH - 2 - 32 - ECS_TASK_ID_LENGTH,
        punctuation: None,
        refused: ":*",
        no_edge_hyphen: false,
        reserved_prefix: None,
        lowercase: false,
    };
    /// SNS topic names (SNS API `CreateTopic`, `Name`: 1 to 256 characters, unique per region
    /// and account); the global unit's topic adds `-global` (7 characters) to the name.
    pub const SNS_TOPIC_NAME: NameRule = NameRule {
        what: "an SNS topic name",
        min: 1,
        max: 256 - 7,
        punctuation: Some("-_"),
        refused: "",
        no_edge_hyphen: false,
        reserved_prefix: None,
        lowercase: false,
    };
    /// CloudWatch dashboard names (CloudWatch API `PutDashboard`, `DashboardName`: dashboards
    /// are global to the account).
    pub const DASHBOARD_NAME: NameRule = NameRule {
        what: "a CloudWatch dashboard name",
        min: 1,
        max: 255,
        punctuation: Some("-_"),
        refused: "",
        no_edge_hyphen: false,
        reserved_prefix: None,
        lowercase: false,
    };
    /// Route 53 set identifiers (`ResourceRecordSet.SetIdentifier`: 1 to 128 characters,
    /// distinct among the records of one name and type).
    pub const SET_IDENTIFIER: NameRule = NameRule {
        what: "a Route 53 set identifier",
        min: 1,
        max: 128,
        punctuation: None,
        refused: "",
        no_edge_hyphen: false,
        reserved_prefix: None,
        lowercase: false,
    };
    /// S3 bucket names (S3 User Guide, "Bucket naming rules"; the dots and the other rules of
    /// a state bucket are S3's to refuse when it is created).
    pub const S3_BUCKET_NAME: NameRule = NameRule {
        what: "an S3 bucket name",
        min: 3,
        max: 63,
        punctuation: Some("-."),
        refused: "",
        no_edge_hyphen: true,
        reserved_prefix: Some("xn--"),
        lowercase: true,
    };
    /// S3 object keys (S3 User Guide, "Naming Amazon S3 objects": at most 1024 bytes of UTF-8).
    pub const S3_OBJECT_KEY: NameRule = NameRule {
        what: "an S3 object key",
        min: 1,
        max: 1024,
        punctuation: None,
        refused: "",
        no_edge_hyphen: false,
        reserved_prefix: None,
        lowercase: false,
    };
    /// DynamoDB table names (DynamoDB API `CreateTable`, `TableName`: 3 to 255 characters).
    pub const DYNAMODB_TABLE_NAME: NameRule = NameRule {
        what: "a DynamoDB table name",
        min: 3,
        max: 255,
        punctuation: Some("_-."),
        refused: "",
        no_edge_hyphen: false,
        reserved_prefix: None,
        lowercase: false,
    };

    /// Port ranges of one accelerator listener (Global Accelerator quotas: "Port ranges per
    /// listener", 10).
    pub const ACCELERATOR_PORT_RANGES: usize = 10;
    /// Health check intervals an endpoint group takes, seconds (`HealthCheckIntervalSeconds`:
    /// 10 or 30).
    pub const ACCELERATOR_HEALTH_INTERVALS: [u32; 2] = [10, 30];
    /// Consecutive health checks that change an endpoint's health (`ThresholdCount`: 1 to 10).
    pub const ACCELERATOR_THRESHOLDS: RangeInclusive<u32> = 1..=10;

    /// Resources in one CloudFormation template (CloudFormation quotas, "Resources": 500).
    pub const CFN_RESOURCES_PER_TEMPLATE: usize = 500;
    /// Outputs of one CloudFormation template (CloudFormation quotas, "Outputs": 200).
    pub const CFN_OUTPUTS_PER_TEMPLATE: usize = 200;
    /// Parameters of one CloudFormation template (CloudFormation quotas, "Parameters": 200).
    pub const CFN_PARAMETERS_PER_TEMPLATE: usize = 200;
    /// Mappings of one CloudFormation template (CloudFormation quotas, "Mappings": 200).
    pub const CFN_MAPPINGS_PER_TEMPLATE: usize = 200;
    /// Bytes of a template body read from S3 (CloudFormation quotas, "Template body size in an
    /// Amazon S3 object": 1 MB; counted as 1,000,000 bytes, as cfn-lint's E1002 does).
    pub const CFN_TEMPLATE_BYTES: usize = 1_000_000;

    /// Bytes of one ECS task definition (Amazon ECS service quotas, "Task definition size":
    /// 64 KiB).
    pub const ECS_TASK_DEFINITION_BYTES: usize = 65_536;

    /// Inbound, and separately outbound, rules of one security group: 60 by default, adjustable
    /// to 1,000 as long as it times the security groups per network interface stays within 1,000
    /// (Amazon VPC User Guide, "Amazon VPC quotas", security groups).
    pub const SECURITY_GROUP_RULES_DEFAULT: usize = 60;

    /// Targets of one EventBridge rule (EventBridge quotas: "Targets per rule", 5).
    pub const EVENT_RULE_TARGETS: usize = 5;

    /// TCP ports.
    pub const PORTS: RangeInclusive<u32> = 1..=65_535;
    /// Most characters of a DNS name, and of one of its labels (RFC 1035, section 2.3.4).
    pub const DOMAIN_NAME_LENGTH: usize = 253;
    /// See [`DOMAIN_NAME_LENGTH`].
    pub const DOMAIN_LABEL_LENGTH: usize = 63;

    /// Active VPC peering connections per VPC: 50 by default, adjustable to 125 (Amazon VPC
    /// User Guide, "Amazon VPC quotas", VPC peering connections).
    pub const PEERINGS_PER_VPC_DEFAULT: usize = 50;
    /// See [`PEERINGS_PER_VPC_DEFAULT`].
    pub const PEERINGS_PER_VPC_MAX: usize = 125;
    /// Non-propagated routes per route table: 50 by default, adjustable to 1,000 (Amazon VPC
    /// User Guide, "Amazon VPC quotas", route tables). The local route does not count.
    pub const ROUTES_PER_ROUTE_TABLE_DEFAULT: usize = 50;
    /// See [`ROUTES_PER_ROUTE_TABLE_DEFAULT`].
    pub const ROUTES_PER_ROUTE_TABLE_MAX: usize = 1_000;

    /// The smallest subnet a VPC may have: a /28 (VPC User Guide, "Subnet CIDR blocks").
    pub const SMALLEST_SUBNET_PREFIX: u8 = 28;
    /// Availability zones an Application Load Balancer needs at least (ELB User Guide,
    /// "Availability Zones for your Application Load Balancer"); a Multi-AZ database needs two too.
    pub const MIN_AVAILABILITY_ZONES: u8 = 2;

    /// ALB idle timeouts, in seconds (`idle_timeout.timeout_seconds`).
    pub const ALB_IDLE_TIMEOUT_SECONDS: RangeInclusive<u32> = 1..=4000;
    /// ALB listener rule priorities (ELB API `CreateRule`, `Priority`).
    pub const ALB_RULE_PRIORITIES: RangeInclusive<u32> = 1..=50_000;
    /// Most condition values one ALB rule evaluates (ELB User Guide, "Quotas for your Application
    /// Load Balancers": condition values per rule).
    pub const ALB_RULE_CONDITION_VALUES: usize = 5;
    /// Most characters of a host-header or path-pattern condition value (ELB API
    /// `HostHeaderConditionConfig` and `PathPatternConditionConfig`).
    pub const ALB_CONDITION_VALUE_LENGTH: usize = 128;
    /// Seconds a target group drains a deregistered target at most
    /// (`deregistration_delay.timeout_seconds`).
    pub const ALB_DEREGISTRATION_DELAY_SECONDS: u32 = 3600;
    /// Seconds between a target group's health checks (ELB API `CreateTargetGroup`,
    /// `HealthCheckIntervalSeconds`).
    pub const ALB_HEALTH_INTERVAL_SECONDS: RangeInclusive<u32> = 5..=300;
    /// Seconds a target group's health check waits (`HealthCheckTimeoutSeconds`).
    pub const ALB_HEALTH_TIMEOUT_SECONDS: RangeInclusive<u32> = 2..=120;
    /// Consecutive checks that make a target healthy or unhealthy (`HealthyThresholdCount`,
    /// `UnhealthyThresholdCount`).
    pub const ALB_HEALTH_THRESHOLDS: RangeInclusive<u32> = 2..=10;
    /// HTTP codes an ALB health check may count as healthy (`Matcher.HttpCode`).
    pub const ALB_MATCHER_CODES: RangeInclusive<u32> = 200..=499;

    /// Container health checks (ECS API `HealthCheck`): seconds between checks.
    pub const ECS_HEALTH_INTERVAL_SECONDS: RangeInclusive<u32> = 5..=300;
    /// Seconds a container health check waits.
    pub const ECS_HEALTH_TIMEOUT_SECONDS: RangeInclusive<u32> = 2..=60;
    /// Failed container health checks before a container is unhealthy.
    pub const ECS_HEALTH_RETRIES: RangeInclusive<u32> = 1..=10;
    /// Seconds a starting container's failed checks do not count.
    pub const ECS_HEALTH_START_PERIOD_SECONDS: RangeInclusive<u32> = 0..=300;
    /// Most tasks one ECS service runs (ECS service quotas, "Tasks per service").
    pub const ECS_TASKS_PER_SERVICE: u32 = 5000;
    /// Most minutes ECS bakes a blue/green deployment's new version (ECS API
    /// `DeploymentConfiguration`, `bakeTimeInMinutes`).
    pub const ECS_BAKE_TIME_MINUTES: u32 = 1440;
    /// Most characters of a CloudWatch Logs log group name (CloudWatch Logs API
    /// `CreateLogGroup`).
    pub const LOG_GROUP_NAME_LENGTH: usize = 512;
    /// Columns of a CloudWatch dashboard's grid (CloudWatch dashboard body structure).
    pub const DASHBOARD_GRID_COLUMNS: u32 = 24;

    /// Ports an RDS DB instance accepts (RDS API `CreateDBInstance`, `Port`).
    pub const RDS_PORTS: RangeInclusive<u32> = 1150..=65_535;
    /// gp3 storage of an RDS for PostgreSQL instance, in GiB (RDS User Guide, "Amazon RDS DB
    /// instance storage").
    pub const RDS_GP3_STORAGE_GIB: RangeInclusive<u32> = 20..=65_536;
    /// Days RDS keeps automated backups: at most 35; 0 turns them off, and read replicas need
    /// them on (RDS API `CreateDBInstance`, `BackupRetentionPeriod`).
    pub const RDS_BACKUP_RETENTION_DAYS: RangeInclusive<u32> = 1..=35;
    /// Most characters of a PostgreSQL identifier such as a database name (`NAMEDATALEN` − 1).
    pub const POSTGRES_IDENTIFIER_LENGTH: usize = 63;
    /// `max_connections` values: PostgreSQL's most backends (2¹⁸ − 1), and at least 10 so the
    /// connections reserved for superusers and RDS leave room for clients.
    pub const POSTGRES_MAX_CONNECTIONS: RangeInclusive<u32> = 10..=262_143;
    /// Days between Secrets Manager rotations (Secrets Manager API `RotateSecret`,
    /// `AutomaticallyAfterDays`).
    pub const SECRET_ROTATION_DAYS: RangeInclusive<u32> = 1..=1000;

    /// Shards (node groups) of an ElastiCache replication group (ElastiCache quotas, "Nodes per
    /// cluster (cluster mode enabled)").
    pub const CACHE_SHARDS: RangeInclusive<u32> = 1..=500;
    /// Replicas per ElastiCache shard: at most five; automatic failover needs one.
    pub const CACHE_REPLICAS_PER_SHARD: RangeInclusive<u32> = 1..=5;

    /// Days of S3 Object Lock retention: up to 100 years (S3 User Guide, "Object Lock").
    pub const OBJECT_LOCK_RETENTION_DAYS: RangeInclusive<u32> = 1..=36_500;
    /// Characters of an S3 bucket name (S3 User Guide, "Bucket naming rules").
    pub const BUCKET_NAME_LENGTH: RangeInclusive<usize> = 3..=63;

    /// Longest Route 53 hosted zone ID (Route 53 API `HostedZone`, `Id`).
    pub const HOSTED_ZONE_ID_LENGTH: usize = 32;
    /// Seconds between Route 53 health checks: standard or fast (Route 53 API
    /// `HealthCheckConfig`, `RequestInterval`).
    pub const ROUTE53_HEALTH_INTERVALS_SECONDS: [u32; 2] = [10, 30];
    /// Consecutive failed checks before Route 53 considers an endpoint unhealthy
    /// (`HealthCheckConfig`, `FailureThreshold`).
    pub const ROUTE53_FAILURE_THRESHOLDS: RangeInclusive<u32> = 1..=10;
    /// Longest TTL of a Route 53 record, in seconds (Route 53 API `ResourceRecordSet`, `TTL`).
    pub const ROUTE53_MAX_TTL_SECONDS: u32 = 172_800;

    /// Bytes of instance memory per connection in RDS for PostgreSQL's default
    /// `max_connections` (see [`super::postgres_default_max_connections`]).
    pub const RDS_POSTGRES_BYTES_PER_DEFAULT_CONNECTION: u64 = 9_531_392;
    /// The most connections RDS for PostgreSQL's default `max_connections` gives (same source).
    pub const RDS_POSTGRES_DEFAULT_MAX_CONNECTIONS: u32 = 5000;

    /// Most read replicas one RDS source instance takes (RDS User Guide, "Working with DB
    /// instance read replicas": up to 15 read replicas per source for PostgreSQL).
    pub const RDS_READ_REPLICAS_PER_SOURCE: usize = 15;
    /// Provisioned IOPS of an io1 or io2 volume of RDS for PostgreSQL (RDS User Guide,
    /// "Provisioned IOPS SSD storage"; `DescribeValidDBInstanceModifications` ranges).
    pub const RDS_PROVISIONED_IOPS: RangeInclusive<u32> = 1_000..=256_000;
    /// IOPS per GiB of an io1 volume, in tenths: 0.5 to 50 (RDS API `CreateDBInstance`, `Iops`:
    /// "a multiple between .5 and 50 of the storage amount").
    pub const RDS_IO1_IOPS_PER_GIB_TENTHS: RangeInclusive<u64> = 5..=500;
    /// IOPS per GiB of an io2 Block Express volume, in tenths: 0.5 to 1,000 (RDS User Guide,
    /// "io2 Block Express storage").
    pub const RDS_IO2_IOPS_PER_GIB_TENTHS: RangeInclusive<u64> = 5..=10_000;
    /// IOPS of a gp3 volume of RDS for PostgreSQL where they can be set (RDS User Guide,
    /// "gp3 storage": from 400 GiB, 12,000 to 64,000; below it the baseline is fixed).
    pub const RDS_GP3_IOPS: RangeInclusive<u32> = 12_000..=64_000;
    /// The smallest gp3 allocation whose IOPS can be set, in GiB.
    pub const RDS_GP3_IOPS_MIN_STORAGE_GIB: u32 = 400;
    /// A storage ceiling must be at least 10 % above the allocation (RDS User Guide, "Managing
    /// capacity automatically with Amazon RDS storage autoscaling"): in percent of `storage_gb`.
    pub const RDS_MAX_STORAGE_MIN_PERCENT: u32 = 110;
    /// Most secondary regions of an ElastiCache Global Datastore (ElastiCache User Guide,
    /// "Replication across AWS Regions using global datastores": a primary and up to two
    /// secondary clusters).
    pub const CACHE_GLOBAL_SECONDARIES: usize = 2;
    /// Most metrics one CloudWatch alarm reads, metric math included (CloudWatch API
    /// `PutMetricAlarm`, `Metrics`: "you can use as many as 10 structures").
    pub const ALARM_METRICS: usize = 10;
    /// Most characters of a metric's namespace, its name and a dimension's name (CloudWatch API
    /// `Metric`, `Dimension`: "Maximum length of 255").
    pub const METRIC_NAME: usize = 255;
    /// Most characters of a dimension's value (CloudWatch API `Dimension.Value`: "Maximum length
    /// of 1024").
    pub const METRIC_DIMENSION_VALUE: usize = 1024;
    /// Most dimensions of one metric (CloudWatch API `Metric.Dimensions`: "Maximum number of 30
    /// items").
    pub const METRIC_DIMENSIONS: usize = 30;
    /// Most characters of a metric math expression (CloudWatch API `MetricDataQuery.Expression`:
    /// "Maximum length of 2048").
    pub const METRIC_MATH_EXPRESSION: usize = 2048;

    /// Most characters of a tag key, and of a tag value (Tagging AWS Resources User Guide, "Tag
    /// naming limits and requirements").
    pub const TAG_KEY_LENGTH: usize = 128;
    /// See [`TAG_KEY_LENGTH`].
    pub const TAG_VALUE_LENGTH: usize = 256;
    /// Most user-applied tags on one resource (same page).
    pub const TAGS_PER_RESOURCE: usize = 50;
    /// The tag key prefix AWS reserves for its own tags (same page: keys and values starting
    /// `aws:` cannot be edited or added).
    pub const TAG_RESERVED_PREFIX: &str = "aws:";
    /// Characters of a tag besides letters, digits and spaces (same page; the pattern
    /// `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$` of the ELB, ECS and IAM tag schemas).
    pub const TAG_PUNCTUATION: &str = "_.:/=+-@";

    /// Characters an ALB accepts in a path-pattern condition besides ASCII letters and digits
    /// (ELB API `PathPatternConditionConfig`: `_ - . $ / ~ " ' @ : + &`, with `*` and `?` as
    /// wildcards); health-check paths take the same. Meridian leaves out `$`, `"` and `'`: they
    /// are never part of a route and reach the generated shell scripts.
    pub const ALB_PATH_PUNCTUATION: &str = "_-./~@:+&";
    /// The wildcards of a path pattern (same page).
    pub const ALB_PATH_WILDCARDS: &str = "*?";

    /// Prefixes and suffixes S3 reserves in bucket names (S3 User Guide, "General purpose
    /// bucket naming rules").
    pub const S3_RESERVED_BUCKET_PREFIXES: &[&str] = &["xn--", "sthree-", "amzn-s3-demo-"];
    /// See [`S3_RESERVED_BUCKET_PREFIXES`].
    pub const S3_RESERVED_BUCKET_SUFFIXES: &[&str] = &["-s3alias", "--ol-s3", "--x-s3", ".mrap"];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fargate_pairs() {
        assert_eq!(fargate_memory_options(256), Some(vec![512, 1024, 2048]));
        assert!(fargate_memory_options(1024).is_some_and(|options| options.contains(&2048)));
        assert!(fargate_memory_options(1024).is_some_and(|options| !options.contains(&1024)));
        assert_eq!(fargate_memory_options(1000), None);
    }

    #[test]
    fn classes() {
        assert!(is_postgres_instance_class("db.r6g.2xlarge"));
        assert!(!is_postgres_instance_class("db.r6g.3xlarge"));
        assert!(!is_postgres_instance_class("cache.r6g.large"));
        assert!(is_cache_node_type("cache.r6g.large"));
        assert!(!cache_node_type_supports_global_datastore(
            "cache.t4g.small"
        ));
        assert!(cache_node_type_supports_global_datastore("cache.r6g.large"));
        assert_eq!(postgres_instance_memory_gib("db.t3.micro"), Some(1));
        assert_eq!(postgres_instance_memory_gib("db.m5.large"), Some(8));
        assert_eq!(postgres_instance_memory_gib("db.r6g.xlarge"), Some(32));
        assert_eq!(postgres_instance_memory_gib("db.r6g.4xlarge"), Some(128));
        assert_eq!(postgres_instance_memory_gib("db.x2g.large"), Some(32));
        assert_eq!(postgres_instance_memory_gib("db.r6g.3xlarge"), None);
        // 16 GiB / 9531392 B; the cap from 64 GiB on.
        assert_eq!(postgres_default_max_connections("db.r6g.large"), Some(1802));
        assert_eq!(
            postgres_default_max_connections("db.r6g.xlarge"),
            Some(3604)
        );
        assert_eq!(
            postgres_default_max_connections("db.r6g.2xlarge"),
            Some(5000)
        );
        assert_eq!(
            postgres_default_max_connections("db.x2g.16xlarge"),
            Some(5000)
        );
        assert_eq!(postgres_default_max_connections("db.r6g.3xlarge"), None);
        for class in postgres_instance_classes() {
            assert!(postgres_instance_memory_gib(&class).is_some(), "{class}");
        }
    }

    #[test]
    fn name_rules_follow_aws() {
        use limits::*;
        assert_eq!(ALB_NAME.problem("rail-backend-primary"), None);
        assert!(ALB_NAME.problem(&"a".repeat(33)).is_some());
        assert_eq!(ALB_NAME.problem(&"a".repeat(32)), None);
        assert!(
            ALB_NAME
                .problem("internal-api")
                .expect("a problem")
                .contains("internal-")
        );
        assert!(
            ALB_NAME
                .problem("-api")
                .expect("a problem")
                .contains("hyphen")
        );
        assert!(
            ALB_NAME
                .problem("api-")
                .expect("a problem")
                .contains("hyphen")
        );
        assert!(
            ALB_NAME
                .problem("api_x")
                .expect("a problem")
                .contains("'_'")
        );
        assert_eq!(TARGET_GROUP_NAME.problem("internal-tg"), None);
        assert_eq!(LOG_GROUP_NAME.problem("/ecs/rail-backend-us-east-1"), None);
        assert!(LOG_GROUP_NAME.problem("/ecs/hello web").is_some());
        assert!(LOG_GROUP_NAME.problem(&"a".repeat(513)).is_some());
        assert_eq!(LOG_STREAM_PREFIX.problem("ecs"), None);
        assert!(LOG_STREAM_PREFIX.problem("ecs:1").is_some());
        assert!(LOG_STREAM_PREFIX.problem("ecs*").is_some());
        assert_eq!(LOG_STREAM_PREFIX.max, 446);
        assert_eq!(SNS_TOPIC_NAME.problem("rail-failover"), None);
        assert!(SNS_TOPIC_NAME.problem("rail.failover").is_some());
        assert_eq!(DASHBOARD_NAME.problem("rail-backend_multi"), None);
        assert!(DASHBOARD_NAME.problem("rail backend").is_some());
        assert_eq!(SET_IDENTIFIER.problem("primary region (us-east-1)"), None);
        assert!(SET_IDENTIFIER.problem("").is_some());
        assert!(SET_IDENTIFIER.problem(&"p".repeat(129)).is_some());
        assert_eq!(ECS_SERVICE_NAME.problem("rail_backend-1"), None);
        assert!(ECS_CLUSTER_NAME.problem("rail/backend").is_some());
        assert!(
            S3_BUCKET_NAME
                .problem("Rail-state")
                .expect("a problem")
                .contains("lowercase")
        );
        assert!(S3_BUCKET_NAME.problem("ab").is_some());
        assert_eq!(S3_BUCKET_NAME.problem("rail-terraform-state"), None);
        assert!(DYNAMODB_TABLE_NAME.problem("a b c").is_some());
    }

    #[test]
    fn regions_are_unique() {
        let mut codes: Vec<_> = REGIONS.iter().map(|info| info.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), REGIONS.len());
    }
}

//! Rules about the stack as a whole: its name (E100), its recovery objectives (E106), and what an
//! entity name may look like.

use meridian_model::{Diagnostic, StackPath, codes};

use super::*;
use crate::naming::{self};

impl<'a> Resolver<'a> {
    pub(crate) fn check_stack_name(&mut self) {
        let name = &self.stack.stack;
        let valid = !name.is_empty()
            && name.len() <= naming::limits::STACK
            && name.starts_with(|c: char| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !name.ends_with('-')
            && !name.contains("--");
        // Default bucket names start `<stack>-` (`naming::default_bucket`); they end with the
        // region, so only a reserved prefix can reach them.
        if valid && let Some(prefix) = reserved_bucket_prefix(&format!("{name}-")) {
            self.report(
                Diagnostic::new(
                    codes::E100,
                    StackPath::root().key("stack"),
                    format!("the stack name `{name}` makes bucket names start with `{prefix}`, a prefix S3 reserves"),
                )
                .with_help("bucket names Meridian derives start with the stack name; choose a name that does not start with a prefix S3 reserves (`sthree-`, `amzn-s3-demo-`)"),
            );
        }
        if !valid && let Some(environment) = &self.stack.environment {
            self.report(
                Diagnostic::new(
                    codes::E100,
                    StackPath::root().key("stack"),
                    format!(
                        "with the environment `{environment}`, the stack is named `{name}`, which is not a valid stack name: use lowercase letters, digits and single hyphens, start with a letter, at most {} characters",
                        naming::limits::STACK
                    ),
                )
                .with_help("an environment's stack name is `<stack>-<environment>`: shorten the stack name or the environment's"),
            );
        } else if !valid {
            self.report(
                Diagnostic::new(
                    codes::E100,
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

    /// The stack's tags, which every taggable resource carries (E107): what AWS accepts in a
    /// key and a value, the prefix it reserves, and how many tags fit beside Meridian's own.
    pub(crate) fn check_tags(&mut self) {
        use crate::aws::limits::{
            TAG_KEY_LENGTH, TAG_PUNCTUATION, TAG_RESERVED_PREFIX, TAG_VALUE_LENGTH,
            TAGS_PER_RESOURCE,
        };
        let path = StackPath::root().key("tags");
        let environment = self.stack.environment.is_some();
        let added = if environment {
            naming::ADDED_TAGS + naming::ENVIRONMENT_TAGS
        } else {
            naming::ADDED_TAGS
        };
        let room = TAGS_PER_RESOURCE - added;
        if self.stack.tags.len() > room {
            let ours = if environment {
                format!(
                    "`{}`, `{}`, `{}` and `Name`",
                    naming::STACK_TAG,
                    naming::ENVIRONMENT_TAG,
                    naming::MANAGED_BY_TAG
                )
            } else {
                format!("`{}` and `Name`", naming::STACK_TAG)
            };
            self.report(
                Diagnostic::new(codes::E107, path.clone(), format!("{} tags are more than fit on a resource: at most {room}", self.stack.tags.len()))
                    .with_help(format!("AWS takes at most {TAGS_PER_RESOURCE} tags per resource, and Meridian adds {ours}; merge or drop tags")),
            );
        }
        if environment {
            for key in [naming::ENVIRONMENT_TAG, naming::MANAGED_BY_TAG] {
                let Some(written) = self.stack.tags.keys().find(|k| k.eq_ignore_ascii_case(key))
                else {
                    continue;
                };
                self.report(
                    Diagnostic::new(
                        codes::E120,
                        path.key(written),
                        format!("the tag `{written}` is Meridian's in a stack file with environments: every resource gets `{}` (the environment's name) and `{}: {}`", naming::ENVIRONMENT_TAG, naming::MANAGED_BY_TAG, naming::MANAGED_BY),
                    )
                    .with_help(format!("remove `{written}`; to tag resources with more about the environment, use another key (e.g. `tier`) in the environment's `tags`")),
                );
            }
        }
        let allowed = format!("letters, digits, spaces and `{TAG_PUNCTUATION}`");
        // Keys leave out the `=` the deploy script's `--tags` splits at.
        let key_allowed = format!(
            "letters, digits, spaces and `{}`",
            TAG_PUNCTUATION.replace(crate::aws::CLI_KEY_VALUE_SEPARATOR, "")
        );
        for (key, value) in &self.stack.tags {
            let key_path = path.key(key);
            let key_problem = if key.trim().is_empty() {
                Some("an empty tag key".to_owned())
            } else if key.chars().count() > TAG_KEY_LENGTH {
                Some(format!(
                    "the tag key `{key}` has more than {TAG_KEY_LENGTH} characters"
                ))
            } else if key.to_ascii_lowercase().starts_with(TAG_RESERVED_PREFIX) {
                Some(format!(
                    "the tag key `{key}` starts with `{TAG_RESERVED_PREFIX}`, which AWS reserves for its own tags"
                ))
            } else if key.starts_with(crate::aws::CLI_OPTION_PREFIX) {
                Some(format!(
                    "the tag key `{key}` starts with `{}`: the AWS CLI reads `{key}=...` in `deploy.sh`'s `--tags` as an option and refuses the deploy",
                    crate::aws::CLI_OPTION_PREFIX
                ))
            } else if key.contains(crate::aws::CLI_KEY_VALUE_SEPARATOR) {
                Some(format!(
                    "the tag key `{key}` contains `{}`: `aws cloudformation deploy --tags` in `deploy.sh` splits `{key}=...` at the first `{}`, and would tag every resource with another key",
                    crate::aws::CLI_KEY_VALUE_SEPARATOR,
                    crate::aws::CLI_KEY_VALUE_SEPARATOR
                ))
            } else {
                key.chars()
                    .find(|c| !crate::aws::is_tag_character(*c))
                    .map(|c| {
                        format!(
                            "the tag key `{key}` contains {}, which AWS refuses in tags",
                            character_text(c)
                        )
                    })
            };
            if let Some(problem) = key_problem {
                self.report(
                    Diagnostic::new(codes::E107, key_path.clone(), problem)
                        .with_help(format!("tag keys have 1 to {TAG_KEY_LENGTH} {key_allowed}, and start neither with `{TAG_RESERVED_PREFIX}` nor with `{}`", crate::aws::CLI_OPTION_PREFIX)),
                );
            }
            let value_problem = if value.chars().count() > TAG_VALUE_LENGTH {
                Some(format!(
                    "the value of tag `{key}` has {} characters, more than {TAG_VALUE_LENGTH}",
                    value.chars().count()
                ))
            } else {
                value
                    .chars()
                    .find(|c| !crate::aws::is_tag_character(*c))
                    .map(|c| {
                        format!(
                            "the value of tag `{key}` contains {}, which AWS refuses in tags",
                            character_text(c)
                        )
                    })
            };
            if let Some(problem) = value_problem {
                self.report(
                    Diagnostic::new(codes::E107, key_path, problem)
                        .with_help(format!("tag values have 0 to {TAG_VALUE_LENGTH} {allowed}")),
                );
            }
        }
    }

    /// The stack's tags where a cache Global Datastore carries them (E107): that resource takes
    /// only ASCII letters and digits (`aws::is_global_datastore_tag_character`), so a tag that
    /// every other resource accepts would fail its deploy. `cache` is the cache's path.
    pub(crate) fn check_global_datastore_tags(&mut self, cache: &StackPath) {
        let path = StackPath::root().key("tags");
        for (key, value) in &self.stack.tags {
            // A character no resource takes is `check_tags`'s to report; this one reports the
            // letters only the Global Datastore refuses.
            let refused = |text: &str| {
                text.chars().find(|c| {
                    crate::aws::is_tag_character(*c)
                        && !crate::aws::is_global_datastore_tag_character(*c)
                })
            };
            let (what, character) = match (refused(key), refused(value)) {
                (Some(c), _) => (format!("the tag key `{key}`"), c),
                (None, Some(c)) => (format!("the value of tag `{key}`"), c),
                (None, None) => continue,
            };
            self.report(
                Diagnostic::new(
                    codes::E107,
                    path.key(key),
                    format!(
                        "{what} contains {}, which the cache's Global Datastore (`AWS::ElastiCache::GlobalReplicationGroup`) refuses in tags: it takes only ASCII letters and digits, spaces and `{}`",
                        character_text(character),
                        crate::aws::limits::TAG_PUNCTUATION
                    ),
                )
                .with_help("write the tag in ASCII (`cafe` for `café`): every resource of the stack carries it, the Global Datastore included")
                .with_related(cache.clone(), "the cache with a Global Datastore"),
            );
        }
    }

    pub(crate) fn check_objectives(&mut self) {
        let Some(objectives) = &self.stack.objectives else {
            return;
        };
        let path = StackPath::root().key("objectives");
        if let Some(availability) = objectives.availability_percent
            && !(availability.is_finite() && availability > 0.0 && availability < 100.0)
        {
            self.report(
                Diagnostic::new(codes::E106, path.key("availability_percent"), format!("an availability target of {availability}% is not a percentage between 0 and 100 (exclusive)"))
                    .with_help("write e.g. 99.9; 100% cannot be promised by any deployment"),
            );
        }
        if let Some(rto) = objectives.rto_minutes
            && !crate::defaults::bounds::OBJECTIVE_MINUTES.contains(&rto)
        {
            self.report(
                Diagnostic::new(
                    codes::E106,
                    path.key("rto_minutes"),
                    format!(
                        "a recovery time objective of {rto} minutes is outside {} (a week)",
                        range_text(&crate::defaults::bounds::OBJECTIVE_MINUTES)
                    ),
                )
                .with_help("give the longest acceptable outage, e.g. 15"),
            );
        }
        if objectives.rpo_minutes == Some(0) {
            self.report(
                Diagnostic::new(codes::E106, path.key("rpo_minutes"), "a recovery point objective of 0 minutes needs synchronous replication across regions, which RDS does not offer")
                    .with_help("cross-region replicas are asynchronous; give the data loss you can accept, e.g. 5"),
            );
        } else if let Some(rpo) = objectives.rpo_minutes
            && rpo > *crate::defaults::bounds::OBJECTIVE_MINUTES.end()
        {
            // Bounded like the RTO, so the plan's seconds (and every `× 60`) stay in range.
            self.report(
                Diagnostic::new(
                    codes::E106,
                    path.key("rpo_minutes"),
                    format!(
                        "a recovery point objective of {rpo} minutes is outside {} (a week)",
                        range_text(&crate::defaults::bounds::OBJECTIVE_MINUTES)
                    ),
                )
                .with_help("give the most data loss you can accept, e.g. 5"),
            );
        }
    }
}

/// Whether `name` is a name of the kind alarms, dashboards and scheduled actions take: letters,
/// digits, `-` and `_`, at most `limit` characters.
pub(crate) fn is_plain_name(name: &str, limit: usize) -> bool {
    !name.is_empty()
        && name.len() <= limit
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
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

/// A character as a message names it: `` `$` `` when it is printable ASCII, else its code point
/// (`U+1F600`), which reads the same whatever the terminal shows.
pub(crate) fn character_text(character: char) -> String {
    if character.is_ascii_graphic() && character != '`' {
        format!("`{character}`")
    } else {
        format!("U+{:04X}", u32::from(character))
    }
}

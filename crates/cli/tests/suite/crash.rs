//! The output directory under kill -9, concurrent writers and user files (issue 12, findings
//! 2 to 4): the real `meridian` binary is killed at hundreds of random instants, and several
//! run at once, with the user's files inside `out/`, `terraform/`, `cloudformation/` and
//! `runbooks/`.
#![cfg(target_os = "linux")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{Scratch, exit_code, repository, stderr, stdout};

fn utf8(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn synth_command(stack: &Path, out: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_meridian"));
    command
        .current_dir(repository())
        .args(["synth", utf8(stack), "--out", utf8(out)])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

fn synth(stack: &Path, out: &Path) {
    let output = synth_command(stack, out).output().expect("meridian runs");
    assert!(output.status.success(), "synth failed: {}", stderr(&output));
}

/// The user's files: (relative path, contents), in the places users keep them.
fn user_files(count: usize) -> Vec<(String, String)> {
    let places = [
        "",
        "terraform/",
        "terraform/.terraform/providers/",
        "cloudformation/",
        "runbooks/",
        "notes/deep/",
    ];
    let mut files: Vec<(String, String)> = (0..count)
        .map(|i| {
            let place = places[i % places.len()];
            (format!("{place}user-{i}.txt"), format!("user file {i}\n"))
        })
        .collect();
    files.push((
        "terraform/backend.tf".to_owned(),
        "terraform {\n  backend \"s3\" {}\n}\n".to_owned(),
    ));
    files
}

fn make_user_files(out: &Path, files: &[(String, String)]) {
    for (path, contents) in files {
        let path = out.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, contents).expect("write");
    }
}

fn assert_user_files(out: &Path, files: &[(String, String)], context: &str) {
    for (path, contents) in files {
        let found = std::fs::read_to_string(out.join(path));
        assert_eq!(
            found.as_deref().ok(),
            Some(contents.as_str()),
            "{context}: user file {path} lost or changed"
        );
    }
}

/// Meridian's files in `out`, by the index it keeps there.
fn generated(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let index = std::fs::read_to_string(out.join(".meridian-files")).expect("index");
    index
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|path| {
            (
                path.to_owned(),
                std::fs::read(out.join(path)).unwrap_or_default(),
            )
        })
        .collect()
}

/// What an interrupted run may leave beside or inside `out`.
fn leftovers(out: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let parent = out.parent().expect("parent");
    for entry in std::fs::read_dir(parent).expect("parent") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name.contains("meridian") {
            found.push(name);
        }
    }
    let mut pending = vec![out.to_path_buf()];
    while let Some(directory) = pending.pop() {
        for entry in std::fs::read_dir(&directory).expect("read_dir") {
            let entry = entry.expect("entry");
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type().expect("type").is_dir() {
                pending.push(entry.path());
            } else if name.ends_with(".meridian-new") || name == ".meridian-staging" {
                found.push(entry.path().display().to_string());
            }
        }
    }
    found
}

/// Two versions of a stack whose outputs differ in content (not in paths).
fn two_versions(scratch: &Scratch) -> (PathBuf, PathBuf) {
    let text = std::fs::read_to_string(repository().join("stacks/minimal.yaml")).expect("stack");
    let first = scratch.path().join("first.yaml");
    let second = scratch.path().join("second.yaml");
    std::fs::write(&first, &text).expect("write");
    std::fs::write(&second, text.replace("primary: 2", "primary: 3")).expect("write");
    (first, second)
}

/// A small deterministic generator (xorshift), so that a failure can be replayed by its seed.
struct Random(u64);

impl Random {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound.max(1)
    }
}

// Finding 3: kill -9 at 240 random instants, with 600 user files in the directory. After each
// kill: the directory exists, every user file is there, and Meridian's files are all of one
// generation; after the next complete run nothing is left over.
#[test]
fn killing_synth_at_random_instants_loses_nothing_and_never_mixes_generations() {
    let scratch = Scratch::new("crash-kill");
    let (first, second) = two_versions(&scratch);
    let reference = scratch.path().join("reference");
    synth(&first, &reference.join("first"));
    synth(&second, &reference.join("second"));
    let generations = [
        generated(&reference.join("first")),
        generated(&reference.join("second")),
    ];
    assert_ne!(generations[0], generations[1]);
    assert_eq!(
        generations[0].keys().collect::<Vec<_>>(),
        generations[1].keys().collect::<Vec<_>>()
    );

    let out = scratch.path().join("work").join("out");
    synth(&first, &out);
    let files = user_files(600);
    make_user_files(&out, &files);
    // How long a whole run takes here, so that the kills fall across all of it.
    let started = Instant::now();
    synth(&second, &out);
    let duration = started.elapsed().max(Duration::from_millis(5));
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |since| since.as_nanos() as u64 | 1);
    let mut random = Random(seed);
    let kills = 240;
    let mut killed_while_running = 0;
    // The kills fall uniformly in [0, bound]; the bound follows how long runs take now (the
    // machine's load changes it), shrinking after a kill that came too late and growing after
    // one that came in time, so that the kills cover whole runs.
    let mut bound = duration.as_micros() as u64 * 5 / 4;
    for round in 0..kills {
        let stack = if round % 2 == 0 { &first } else { &second };
        let mut child = synth_command(stack, &out).spawn().expect("meridian runs");
        std::thread::sleep(Duration::from_micros(random.below(bound)));
        if child.try_wait().expect("wait").is_none() {
            killed_while_running += 1;
            bound = bound * 21 / 20;
        } else {
            bound = (bound * 9 / 10).max(1_000);
        }
        let _ = child.kill();
        let _ = child.wait();
        let context = format!("seed {seed}, kill {round}");
        assert!(out.is_dir(), "{context}: the output directory is missing");
        assert_user_files(&out, &files, &context);
        let now = generated(&out);
        assert!(
            now == generations[0] || now == generations[1],
            "{context}: Meridian's files mix two generations"
        );
        if round % 40 == 39 {
            synth(stack, &out);
            assert_eq!(leftovers(&out), Vec::<String>::new(), "{context}");
        }
    }
    assert!(
        killed_while_running >= kills / 2,
        "only {killed_while_running} of {kills} kills hit a running synth (seed {seed})"
    );
    synth(&first, &out);
    assert_eq!(generated(&out), generations[0]);
    assert_user_files(&out, &files, "after the last run");
    assert_eq!(leftovers(&out), Vec::<String>::new());
    let check = Command::new(env!("CARGO_BIN_EXE_meridian"))
        .current_dir(repository())
        .args(["synth", utf8(&first), "--out", utf8(&out), "--check"])
        .output()
        .expect("meridian runs");
    assert_eq!(exit_code(&check), 0, "{}", stdout(&check));
    assert!(stdout(&check).contains("foreign: "), "{}", stdout(&check));
}

// Finding 4: synths racing into one directory all succeed, one after the other, and lose
// nothing.
#[test]
fn concurrent_synths_into_one_directory_lose_nothing() {
    let scratch = Scratch::new("crash-concurrent");
    let (first, second) = two_versions(&scratch);
    let out = scratch.path().join("out");
    synth(&first, &out);
    let files = user_files(300);
    make_user_files(&out, &files);
    for round in 0..5 {
        let children: Vec<_> = (0..4)
            .map(|i| {
                let stack = if (round + i) % 2 == 0 {
                    &first
                } else {
                    &second
                };
                synth_command(stack, &out).spawn().expect("meridian runs")
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().expect("wait");
            assert!(
                output.status.success(),
                "round {round}: {}",
                stderr(&output)
            );
        }
        assert_user_files(&out, &files, &format!("round {round}"));
        assert_eq!(leftovers(&out), Vec::<String>::new(), "round {round}");
    }
    // A held lock makes the next writer wait, and say so: `flock(1)` holds it for a second.
    let holder = Command::new("flock")
        .args(["--exclusive", utf8(&out), "sleep", "1.5"])
        .spawn();
    let Ok(mut holder) = holder else {
        return; // No flock(1) here: the races above are the test.
    };
    std::thread::sleep(Duration::from_millis(300));
    let mut waiting = synth_command(&first, &out).spawn().expect("meridian runs");
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        waiting.try_wait().expect("wait").is_none(),
        "synth did not wait for the lock"
    );
    let _ = holder.wait();
    let output = waiting.wait_with_output().expect("wait");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("waiting for another meridian process"),
        "{}",
        stderr(&output)
    );
}

// Finding 2: files a user keeps in Meridian's directories survive every synthesis, including
// one that removes a region's files; `--check` lists them apart and does not fail on them.
#[test]
fn user_files_survive_and_a_gone_regions_files_are_removed() {
    let scratch = Scratch::new("crash-ownership");
    let out = scratch.path().join("out");
    synth(&repository().join("stacks/orders-two-regions.yaml"), &out);
    let two_regions = generated(&out);
    let files = user_files(30);
    make_user_files(&out, &files);
    // The same directory now holds a one-region stack: the other stack's files are Meridian's
    // and go; the user's stay.
    synth(&repository().join("stacks/minimal.yaml"), &out);
    assert_user_files(&out, &files, "after the second stack");
    let now = generated(&out);
    for path in two_regions.keys() {
        if !now.contains_key(path) {
            assert!(!out.join(path).exists(), "{path} was left behind");
        }
    }
    let check = Command::new(env!("CARGO_BIN_EXE_meridian"))
        .current_dir(repository())
        .args([
            "synth",
            "stacks/minimal.yaml",
            "--out",
            utf8(&out),
            "--check",
        ])
        .output()
        .expect("meridian runs");
    let text = stdout(&check);
    assert_eq!(exit_code(&check), 0, "{text}");
    assert!(
        text.contains("foreign: ") && text.contains("terraform/backend.tf"),
        "{text}"
    );
    assert!(text.contains("foreign entries left alone"), "{text}");
    // Extra: a file Meridian wrote that it no longer generates fails the check.
    let stale = scratch.path().join("stale");
    synth(&repository().join("stacks/orders-two-regions.yaml"), &stale);
    let check = Command::new(env!("CARGO_BIN_EXE_meridian"))
        .current_dir(repository())
        .args([
            "synth",
            "stacks/minimal.yaml",
            "--out",
            utf8(&stale),
            "--check",
        ])
        .output()
        .expect("meridian runs");
    assert_eq!(exit_code(&check), 1);
    assert!(stdout(&check).contains("extra: "), "{}", stdout(&check));
}

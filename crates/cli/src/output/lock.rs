//! One writer per output directory: an advisory `flock` on the directory itself. A second
//! `meridian synth` into the same directory says it waits and waits; readers (`--check`, `diff`)
//! take a shared lock so that they never see half of an exchange.
//!
//! The lock is on the directory's inode, and a synthesis replaces the directory by another inode
//! (see `write.rs`): a process that waited on the old inode notices that the path now names
//! another directory and locks that one instead. No lock file is left anywhere.

use std::fs::File;
use std::path::Path;

/// A held lock; released when dropped (or when the process ends, however it ends).
#[derive(Debug)]
pub struct DirectoryLock {
    _directory: File,
}

/// Same inode on the same device.
#[cfg(unix)]
fn same_inode(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    a.dev() == b.dev() && a.ino() == b.ino()
}

impl DirectoryLock {
    /// Locks the existing directory `path`: exclusively to write it, shared to read it. When
    /// another process holds it, `waiting` is called once (to tell the user) and the call blocks
    /// until the lock is free.
    #[cfg(unix)]
    pub fn acquire(path: &Path, exclusive: bool, waiting: impl Fn()) -> std::io::Result<Self> {
        use rustix::fs::{FlockOperation, flock};
        let (try_operation, operation) = if exclusive {
            (
                FlockOperation::NonBlockingLockExclusive,
                FlockOperation::LockExclusive,
            )
        } else {
            (
                FlockOperation::NonBlockingLockShared,
                FlockOperation::LockShared,
            )
        };
        let mut told = false;
        loop {
            let directory = File::open(path)?;
            match flock(&directory, try_operation) {
                Ok(()) => {}
                Err(error) if error == rustix::io::Errno::WOULDBLOCK => {
                    if !told {
                        waiting();
                        told = true;
                    }
                    flock(&directory, operation)?;
                }
                Err(error) => return Err(error.into()),
            }
            // While this process waited, the holder may have replaced the directory: then the
            // lock is on a directory nobody reaches by `path` any more.
            if same_inode(&directory.metadata()?, &std::fs::metadata(path)?) {
                return Ok(Self {
                    _directory: directory,
                });
            }
        }
    }

    /// Without `flock`, no lock (documented in README).
    #[cfg(not(unix))]
    pub fn acquire(path: &Path, _exclusive: bool, _waiting: impl Fn()) -> std::io::Result<Self> {
        Ok(Self {
            _directory: File::open(path)?,
        })
    }

    /// Locks a directory this process just created and nobody else knows yet.
    #[cfg(unix)]
    pub(super) fn fresh(path: &Path) -> std::io::Result<Self> {
        let directory = File::open(path)?;
        rustix::fs::flock(
            &directory,
            rustix::fs::FlockOperation::NonBlockingLockExclusive,
        )?;
        Ok(Self {
            _directory: directory,
        })
    }
}

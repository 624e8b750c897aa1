//! Host-aware owners of jobs and leases: which machine, which boot of it, which process.
//!
//! A pid means something only on the machine, and in the boot, that handed it out. On a store
//! shared by several machines (PostgreSQL), a job or lease recorded by another host is never
//! judged dead by looking up its pid here; on this host, one recorded in an earlier boot is dead
//! whatever process holds its pid now.

use serde::Serialize;

/// This machine, as owners record it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Host {
    /// `WFC_HOST_ID`, else the host name (`/proc/sys/kernel/hostname`).
    pub name: String,
    /// `/proc/sys/kernel/random/boot_id`: changes at every boot.
    pub boot_id: Option<String>,
}

fn read_trimmed(path: &str) -> Option<String> {
    std::fs::read_to_string(path)
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

impl Host {
    /// The host this process runs on; `host_id` (from `WFC_HOST_ID`) replaces its name.
    pub fn detect(host_id: Option<&str>) -> Host {
        let name = host_id
            .map(str::to_string)
            .or_else(|| read_trimmed("/proc/sys/kernel/hostname"))
            .or_else(|| read_trimmed("/etc/hostname"))
            .unwrap_or_else(|| "localhost".into());
        Host {
            name,
            boot_id: read_trimmed("/proc/sys/kernel/random/boot_id"),
        }
    }

    /// The owner record of process `pid` on this host.
    pub fn owner(&self, pid: u32) -> Owner {
        Owner {
            host: Some(self.name.clone()),
            boot_id: self.boot_id.clone(),
            pid,
        }
    }
}

/// Who holds a job or a lease.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Owner {
    /// `None` for rows an older wfc wrote into a local SQLite store: this machine.
    pub host: Option<String>,
    pub boot_id: Option<String>,
    pub pid: u32,
}

/// What this host can tell about an owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Liveness {
    Alive,
    Dead,
    /// Recorded by another host: only that host can tell.
    OtherHost(String),
}

impl Owner {
    /// Whether the owner still runs, as seen from `here`. Another host's owner is never judged by
    /// a local pid; on this host, a pid from an earlier boot is dead.
    pub fn liveness(&self, here: &Host) -> Liveness {
        if let Some(h) = &self.host
            && h != &here.name
        {
            return Liveness::OtherHost(h.clone());
        }
        if let (Some(then), Some(now)) = (&self.boot_id, &here.boot_id)
            && then != now
        {
            return Liveness::Dead;
        }
        if crate::process::is_alive(self.pid) {
            Liveness::Alive
        } else {
            Liveness::Dead
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_hosts_owner_is_never_judged_by_a_local_pid() {
        let here = Host::detect(Some("a"));
        let me = std::process::id();
        assert_eq!(here.owner(me).liveness(&here), Liveness::Alive);
        let there = Host {
            name: "b".into(),
            boot_id: here.boot_id.clone(),
        };
        assert_eq!(
            there.owner(me).liveness(&here),
            Liveness::OtherHost("b".into())
        );
        let earlier_boot = Owner {
            boot_id: Some("another boot".into()),
            ..here.owner(me)
        };
        if here.boot_id.is_some() {
            assert_eq!(earlier_boot.liveness(&here), Liveness::Dead);
        }
        let legacy = Owner {
            host: None,
            boot_id: None,
            pid: me,
        };
        assert_eq!(legacy.liveness(&here), Liveness::Alive);
    }
}

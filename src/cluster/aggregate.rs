//! Per-point attributes and what a cluster adds up from them (the map's pie and tooltip).
//!
//! Sums are kept per cluster in flat pools indexed by a cluster's aggregate slot, so a
//! level stores one u32 per entry and points carry no copy of their attributes.

use super::ClusterError;

/// Number of farm statuses counted (operating, shut down, unknown: `Status::index()`).
pub const STATUSES: usize = 3;
/// Owner-group value meaning "not tied to any group".
pub const UNASSIGNED: u16 = u16::MAX;
/// Owner groups beyond this are refused: the map draws one colour per group.
pub const MAX_GROUPS: usize = 64;

/// Flat per-point arrays beside the coordinates; an empty array means "not given".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PointAttrs {
    /// Capacity in MW; NaN or infinite means unknown (counts 0, not in `capacity_known`).
    pub capacity: Vec<f64>,
    /// `Status::index()` of each point (0 operating, 1 shut down, 2 unknown).
    pub status: Vec<u8>,
    /// Owner-group index (< [`MAX_GROUPS`]) or [`UNASSIGNED`].
    pub group: Vec<u16>,
}

impl PointAttrs {
    pub(crate) fn check(&self, n: usize) -> Result<usize, ClusterError> {
        for (name, len) in [
            ("capacity", self.capacity.len()),
            ("status", self.status.len()),
            ("group", self.group.len()),
        ] {
            if len != 0 && len != n {
                return Err(ClusterError::BadInput(format!(
                    "{name} has {len} values for {n} points"
                )));
            }
        }
        if let Some(i) = self.status.iter().position(|&s| s as usize >= STATUSES) {
            return Err(ClusterError::BadInput(format!(
                "status of point {i} is not 0, 1 or 2"
            )));
        }
        let mut groups = 0;
        for (i, &g) in self.group.iter().enumerate() {
            if g != UNASSIGNED {
                if g as usize >= MAX_GROUPS {
                    return Err(ClusterError::BadInput(format!(
                        "group of point {i} is {g}; at most {MAX_GROUPS} groups"
                    )));
                }
                groups = groups.max(g as usize + 1);
            }
        }
        Ok(groups)
    }

    /// Whether any attribute was given (an index keeps sums only then).
    pub(crate) fn given(&self) -> bool {
        !(self.capacity.is_empty() && self.status.is_empty() && self.group.is_empty())
    }

    fn capacity_of(&self, i: usize) -> Option<f64> {
        self.capacity.get(i).copied().filter(|c| c.is_finite())
    }

    fn status_of(&self, i: usize) -> usize {
        self.status.get(i).map_or(STATUSES - 1, |&s| s as usize)
    }

    /// Slot in a group-count row: the group, or the last slot for unassigned.
    fn group_slot(&self, i: usize, groups: usize) -> usize {
        match self.group.get(i) {
            Some(&g) if g != UNASSIGNED => g as usize,
            _ => groups,
        }
    }
}

/// Aggregates of many clusters, one row each. `group_counts` has `group_slots` values a row:
/// one per owner group, the last for unassigned points.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Aggregates {
    pub group_slots: usize,
    pub capacity_sum: Vec<f64>,
    pub capacity_known: Vec<u32>,
    /// [`STATUSES`] values a row, by `Status::index()`.
    pub status_counts: Vec<u32>,
    pub group_counts: Vec<u32>,
}

impl Aggregates {
    pub(crate) fn new(groups: usize) -> Aggregates {
        Aggregates {
            group_slots: groups + 1,
            ..Aggregates::default()
        }
    }

    pub fn len(&self) -> usize {
        self.capacity_sum.len()
    }

    pub fn is_empty(&self) -> bool {
        self.capacity_sum.is_empty()
    }

    pub(crate) fn push_empty(&mut self) -> u32 {
        let row = self.len();
        self.capacity_sum.push(0.0);
        self.capacity_known.push(0);
        self.status_counts.extend([0; STATUSES]);
        let len = self.group_counts.len() + self.group_slots;
        self.group_counts.resize(len, 0);
        row as u32
    }

    pub(crate) fn add_point(&mut self, row: usize, attrs: &PointAttrs, i: usize) {
        if let Some(c) = attrs.capacity_of(i) {
            self.capacity_sum[row] += c;
            self.capacity_known[row] += 1;
        }
        self.status_counts[row * STATUSES + attrs.status_of(i)] += 1;
        let g = attrs.group_slot(i, self.group_slots - 1);
        self.group_counts[row * self.group_slots + g] += 1;
    }

    /// Adds row `from` of `src` (which may be `self`'s own pool) into `row`.
    pub(crate) fn add_row(&mut self, row: usize, from: usize) {
        self.capacity_sum[row] += self.capacity_sum[from];
        self.capacity_known[row] += self.capacity_known[from];
        for s in 0..STATUSES {
            self.status_counts[row * STATUSES + s] += self.status_counts[from * STATUSES + s];
        }
        let g = self.group_slots;
        for s in 0..g {
            self.group_counts[row * g + s] += self.group_counts[from * g + s];
        }
    }

    pub(crate) fn push_copy_of(&mut self, src: &Aggregates, from: usize) {
        let row = self.push_empty() as usize;
        self.capacity_sum[row] = src.capacity_sum[from];
        self.capacity_known[row] = src.capacity_known[from];
        let (s, g) = (STATUSES, self.group_slots);
        self.status_counts[row * s..row * s + s]
            .copy_from_slice(&src.status_counts[from * s..from * s + s]);
        self.group_counts[row * g..row * g + g]
            .copy_from_slice(&src.group_counts[from * g..from * g + g]);
    }

    /// A cluster of `count` points without attributes: every one unknown and unassigned.
    pub(crate) fn push_unknown(&mut self, count: u32) {
        let row = self.push_empty() as usize;
        self.status_counts[row * STATUSES + STATUSES - 1] = count;
        self.group_counts[row * self.group_slots + self.group_slots - 1] = count;
    }

    pub(crate) fn push_point(&mut self, attrs: &PointAttrs, i: usize) {
        let row = self.push_empty() as usize;
        self.add_point(row, attrs, i);
    }
}

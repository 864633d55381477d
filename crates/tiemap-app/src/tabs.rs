//! Two tabs on one map: an edit made in one is never silently overwritten by the other's
//! older state.
//!
//! Each saved map carries a revision, bumped by every write. A tab remembers what it last
//! read or wrote of the stored map ([`Seen`]: the revision and the edits stored then). A write
//! reads the stored map first, in the same transaction, and merges three ways: what this tab
//! changed since it last saw the store goes over what is stored; everything else (what other
//! tabs wrote meanwhile) is kept ([`merge_for_save`]). When another tab wrote, this tab takes
//! the other tab's changes into its own session, and into its undo and redo history
//! ([`History::take_in`]), so Undo here undoes only this tab's edits.
//!
//! Edits are last-writer-wins registers keyed by cluster, person, title or pair of people, so
//! the merge is per key: a key that this tab changed since its base is this tab's; any other
//! key is the stored one. Two tabs that change the same key: the later write wins, and the
//! earlier tab takes the later value in.

use crate::model::ClusterEdits;
use crate::saver::SavedMapMeta;
use std::collections::{BTreeMap, BTreeSet};

/// What this tab last read or wrote of the map stored under `key`.
#[derive(Clone, Debug, PartialEq)]
pub struct Seen {
    pub key: String,
    pub revision: u64,
    pub edits: ClusterEdits,
}

impl Seen {
    /// What a stored map (read or just written) tells this tab.
    pub fn of(key: &str, meta: &SavedMapMeta) -> Seen {
        Seen {
            key: key.to_string(),
            revision: meta.revision,
            edits: meta.state.edits.clone(),
        }
    }
}

/// Per key: `mine` where it changed since `base`, else `other`.
fn merge_map<K: Ord + Clone, V: PartialEq + Clone>(
    base: &BTreeMap<K, V>,
    mine: &BTreeMap<K, V>,
    other: &BTreeMap<K, V>,
) -> BTreeMap<K, V> {
    // Built by inserting, not `collect`: a BTree's `FromIterator` sorts its input first, and
    // each key and value type would link its own copy of the sort into the page's wasm.
    let mut keys = BTreeSet::new();
    keys.extend(base.keys().chain(mine.keys()).chain(other.keys()));
    let mut merged = BTreeMap::new();
    merged.extend(keys.into_iter().filter_map(|k| {
        let m = mine.get(k);
        let chosen = if m != base.get(k) { m } else { other.get(k) };
        chosen.map(|v| (k.clone(), v.clone()))
    }));
    merged
}

fn merge_set<K: Ord + Clone>(
    base: &BTreeSet<K>,
    mine: &BTreeSet<K>,
    other: &BTreeSet<K>,
) -> BTreeSet<K> {
    let as_map = |s: &BTreeSet<K>| {
        let mut map = BTreeMap::new();
        map.extend(s.iter().map(|k| (k.clone(), ())));
        map
    };
    let mut merged = BTreeSet::new();
    merged.extend(merge_map(&as_map(base), &as_map(mine), &as_map(other)).into_keys());
    merged
}

/// Three-way merge of edits: every cluster name, colour, hidden flag, merge, move, title
/// correction and tie answer that `mine` changed since `base` is `mine`'s; every other one is
/// `other`'s. Tie answers keep the order they were given in: `mine`'s first, then answers
/// only `other` has.
pub fn merge_edits(base: &ClusterEdits, mine: &ClusterEdits, other: &ClusterEdits) -> ClusterEdits {
    let answers = |e: &ClusterEdits| {
        let mut map = BTreeMap::new();
        map.extend(
            e.ties
                .answers
                .iter()
                .map(|x| ((x.a.clone(), x.b.clone()), x.answer)),
        );
        map
    };
    let mut merged_answers = merge_map(&answers(base), &answers(mine), &answers(other));
    let mut ties = mine.ties.clone();
    ties.answers = mine
        .ties
        .answers
        .iter()
        .chain(&other.ties.answers)
        .filter_map(|x| {
            let answer = merged_answers.remove(&(x.a.clone(), x.b.clone()))?;
            Some(tiemap_core::infer::checking::TieAnswer {
                answer,
                ..x.clone()
            })
        })
        .collect();
    ties.learning = if mine.ties.learning != base.ties.learning {
        mine.ties.learning
    } else {
        other.ties.learning
    };
    ClusterEdits {
        names: merge_map(&base.names, &mine.names, &other.names),
        colors: merge_map(&base.colors, &mine.colors, &other.colors),
        hidden: merge_set(&base.hidden, &mine.hidden, &other.hidden),
        merged: merge_map(&base.merged, &mine.merged, &other.merged),
        moved: merge_map(&base.moved, &mine.moved, &other.moved),
        roles: merge_map(&base.roles, &mine.roles, &other.roles),
        ties,
    }
}

/// What to store when this tab saves `ours` and `stored` is what the store holds now (read in
/// the same transaction). `seen` is what this tab last saw of this map (`None`: it never read
/// it, as after opening a project file: then `ours` replaces what is stored).
///
/// The revision is one more than the stored one; the edits are merged; the rest (settings,
/// clusters, positions) is this tab's, the latest.
pub fn merge_for_save(
    mut ours: SavedMapMeta,
    seen: Option<&Seen>,
    stored: Option<&SavedMapMeta>,
) -> SavedMapMeta {
    let Some(stored) = stored else {
        ours.revision = seen.map_or(0, |s| s.revision) + 1;
        return ours;
    };
    ours.revision = stored.revision.max(seen.map_or(0, |s| s.revision)) + 1;
    if let Some(seen) = seen {
        ours.state.edits = merge_edits(&seen.edits, &ours.state.edits, &stored.state.edits);
    }
    ours
}

/// The edits other tabs stored since this tab last saw the map, if there are any: `stored` is
/// newer than `seen` and its edits differ.
pub fn from_others<'a>(
    seen: Option<&Seen>,
    stored: Option<&'a SavedMapMeta>,
) -> Option<&'a ClusterEdits> {
    let (seen, stored) = (seen?, stored?);
    (stored.revision > seen.revision && stored.state.edits != seen.edits)
        .then_some(&stored.state.edits)
}

/// This tab's edits and their history (as the page keeps them: the undo stack, most recent
/// last; the redo stack, next redo last).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    pub current: ClusterEdits,
    pub undo: Vec<ClusterEdits>,
    pub redo: Vec<ClusterEdits>,
}

impl History {
    /// Takes in edits another tab stored (`theirs`) since this tab saw `base`.
    ///
    /// What the other tab changed is applied to the current edits (where this tab changed the
    /// same thing and has not stored it yet, this tab's stays: it is written next and wins)
    /// and to every step of the undo and redo history, so that Undo here undoes only this
    /// tab's own edits and never takes back another tab's. An undo step left with nothing to
    /// undo (the other tab changed the same thing again) is dropped.
    pub fn take_in(self, base: &ClusterEdits, theirs: &ClusterEdits) -> History {
        if base == theirs {
            return self;
        }
        let current = merge_edits(base, &self.current, theirs);
        let rebase = |e: ClusterEdits| merge_edits(base, theirs, &e);
        // Undo walks undo[0] -> ... -> undo[n-1] -> current; drop steps that change nothing.
        let mut undo: Vec<ClusterEdits> = Vec::with_capacity(self.undo.len());
        for e in self.undo.into_iter().map(rebase) {
            if undo.last() != Some(&e) {
                undo.push(e);
            }
        }
        if undo.last() == Some(&current) {
            undo.pop();
        }
        // Redo walks current -> redo[n-1] -> ... -> redo[0].
        let mut redo_forward: Vec<ClusterEdits> = Vec::with_capacity(self.redo.len());
        for e in self.redo.into_iter().rev().map(rebase) {
            if redo_forward.last().unwrap_or(&current) != &e {
                redo_forward.push(e);
            }
        }
        redo_forward.reverse();
        History {
            current,
            undo,
            redo: redo_forward,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edit, SavedState};
    use tiemap_core::infer::checking::Answer;

    fn rename(cluster: u32, name: &str) -> Edit {
        Edit::Rename {
            cluster,
            name: name.into(),
        }
    }

    fn edits(list: &[Edit]) -> ClusterEdits {
        list.iter()
            .fold(ClusterEdits::default(), |e, edit| e.with(edit.clone()))
    }

    fn meta(revision: u64, edits: ClusterEdits) -> SavedMapMeta {
        SavedMapMeta {
            title: "Connections.csv".into(),
            saved_at: "2026-12-03T08:00:00Z".into(),
            people: 60,
            clusters: 5,
            sample: None,
            state: SavedState {
                fingerprint: "fp".into(),
                edits,
                ..Default::default()
            },
            revision,
        }
    }

    #[test]
    fn edits_of_two_tabs_both_survive_a_merge() {
        let base = edits(&[rename(1, "Old")]);
        let a = base.with(rename(2, "From A")).with(Edit::Recolor {
            cluster: 1,
            color: [1, 2, 3],
        });
        let b = base
            .with(rename(3, "From B"))
            .with(Edit::SetHidden {
                cluster: 4,
                hidden: true,
            })
            .with(Edit::Move {
                person_key: "p".into(),
                into: 3,
            });
        let merged = merge_edits(&base, &a, &b);
        assert_eq!(merged.names.get(&1).map(String::as_str), Some("Old"));
        assert_eq!(merged.names.get(&2).map(String::as_str), Some("From A"));
        assert_eq!(merged.names.get(&3).map(String::as_str), Some("From B"));
        assert_eq!(merged.colors.get(&1), Some(&[1, 2, 3]));
        assert!(merged.hidden.contains(&4));
        assert_eq!(merged.moved.get("p"), Some(&3));
        // Symmetric when no key is changed by both.
        assert_eq!(merge_edits(&base, &b, &a), merged);
    }

    #[test]
    fn a_removal_in_one_tab_is_kept_and_the_same_key_goes_to_mine() {
        let base = edits(&[
            rename(1, "Old"),
            Edit::SetHidden {
                cluster: 5,
                hidden: true,
            },
        ]);
        // A gives cluster 1 its suggested name back and shows cluster 5; B renames 1 too.
        let a = base.with(rename(1, "")).with(Edit::SetHidden {
            cluster: 5,
            hidden: false,
        });
        let b = base.with(rename(1, "B's"));
        let a_wins = merge_edits(&base, &a, &b);
        assert_eq!(a_wins.names.get(&1), None);
        assert!(a_wins.hidden.is_empty());
        let b_wins = merge_edits(&base, &b, &a);
        assert_eq!(b_wins.names.get(&1).map(String::as_str), Some("B's"));
        assert!(b_wins.hidden.is_empty(), "A's unhide is kept either way");
    }

    #[test]
    fn tie_answers_merge_per_pair_in_the_order_given() {
        let answer = |a: &str, b: &str, answer| Edit::AnswerTie {
            a: a.into(),
            b: b.into(),
            answer,
            checks: None,
        };
        let base = edits(&[answer("a", "b", Some(Answer::Know))]);
        let mine = base
            .with(answer("c", "d", Some(Answer::DontKnow)))
            .with(Edit::SetLearning { learning: false });
        let other = base
            .with(answer("b", "a", None))
            .with(answer("e", "f", Some(Answer::NotSure)));
        let merged = merge_edits(&base, &mine, &other);
        let pairs: Vec<(&str, &str, Answer)> = merged
            .ties
            .answers
            .iter()
            .map(|x| (x.a.as_str(), x.b.as_str(), x.answer))
            .collect();
        assert_eq!(
            pairs,
            vec![("c", "d", Answer::DontKnow), ("e", "f", Answer::NotSure)],
            "the other tab took a-b back; both new answers are there"
        );
        assert!(!merged.ties.learning);
    }

    #[test]
    fn a_save_over_another_tabs_newer_save_keeps_its_edits() {
        // Both tabs read revision 3. B stored revision 4 with its rename; A now saves.
        let base = edits(&[rename(1, "Start")]);
        let seen = Seen {
            key: "fp".into(),
            revision: 3,
            edits: base.clone(),
        };
        let stored = meta(4, base.with(rename(2, "From B")));
        let ours = meta(3, base.with(rename(3, "From A")));
        assert_eq!(
            from_others(Some(&seen), Some(&stored)),
            Some(&stored.state.edits)
        );
        let written = merge_for_save(ours, Some(&seen), Some(&stored));
        assert_eq!(written.revision, 5);
        assert_eq!(
            written.state.edits,
            edits(&[rename(1, "Start"), rename(2, "From B"), rename(3, "From A")])
        );
        // Saving again from what was just written: nothing from others.
        let seen = Seen::of("fp", &written);
        assert_eq!(from_others(Some(&seen), Some(&written)), None);
    }

    #[test]
    fn a_tab_that_never_read_the_store_replaces_it() {
        // A project file opened: what it holds is the map, whatever was stored.
        let stored = meta(7, edits(&[rename(1, "Stored")]));
        let ours = meta(0, edits(&[rename(2, "Project")]));
        let written = merge_for_save(ours.clone(), None, Some(&stored));
        assert_eq!(written.revision, 8);
        assert_eq!(written.state.edits, ours.state.edits);
        assert_eq!(from_others(None, Some(&stored)), None);
        // The first save ever starts at revision 1.
        assert_eq!(merge_for_save(ours, None, None).revision, 1);
    }

    #[test]
    fn undo_after_another_tabs_edit_undoes_only_this_tabs_own() {
        // This tab renamed 1 then 2; the other tab meanwhile renamed 3 and recoloured 1.
        let base = edits(&[rename(1, "A1"), rename(2, "A2")]);
        let history = History {
            current: base.clone(),
            undo: vec![edits(&[]), edits(&[rename(1, "A1")])],
            redo: Vec::new(),
        };
        let theirs = base.with(rename(3, "B3")).with(Edit::Recolor {
            cluster: 1,
            color: [9, 9, 9],
        });
        let h = history.take_in(&base, &theirs);
        assert_eq!(h.current, theirs);
        // Undo twice: this tab's renames go; the other tab's rename and colour stay.
        let once = h.undo.last().unwrap();
        assert_eq!(once.names.get(&2), None);
        assert_eq!(once.names.get(&1).map(String::as_str), Some("A1"));
        assert_eq!(once.names.get(&3).map(String::as_str), Some("B3"));
        let twice = &h.undo[0];
        assert_eq!(twice.names.get(&1), None);
        assert_eq!(twice.names.get(&3).map(String::as_str), Some("B3"));
        assert_eq!(twice.colors.get(&1), Some(&[9, 9, 9]));
    }

    #[test]
    fn an_undo_step_the_other_tab_made_moot_is_dropped_and_redo_is_rebased() {
        // This tab renamed 1 to "Mine", then undid a rename of 2 (redo holds it).
        let base = edits(&[rename(1, "Mine")]);
        let history = History {
            current: base.clone(),
            undo: vec![edits(&[])],
            redo: vec![edits(&[rename(1, "Mine"), rename(2, "Redo me")])],
        };
        // The other tab renamed 1 again, later.
        let theirs = edits(&[rename(1, "Theirs")]);
        let h = history.take_in(&base, &theirs);
        assert_eq!(h.current, theirs);
        assert!(
            h.undo.is_empty(),
            "undoing the rename to 'Mine' would change nothing now"
        );
        assert_eq!(
            h.redo,
            vec![edits(&[rename(1, "Theirs"), rename(2, "Redo me")])]
        );
        // Nothing new from the other tab: the history is as it was.
        let same = h.clone().take_in(&theirs, &theirs);
        assert_eq!(same, h);
    }

    #[test]
    fn an_unsaved_edit_of_this_tab_stays_when_the_other_tabs_arrive() {
        let base = edits(&[]);
        let history = History {
            current: edits(&[rename(1, "Not stored yet")]),
            undo: vec![edits(&[])],
            redo: Vec::new(),
        };
        let theirs = edits(&[rename(1, "Theirs"), rename(2, "Two")]);
        let h = history.take_in(&base, &theirs);
        assert_eq!(
            h.current,
            edits(&[rename(1, "Not stored yet"), rename(2, "Two")])
        );
        assert_eq!(h.undo, vec![theirs]);
    }
}

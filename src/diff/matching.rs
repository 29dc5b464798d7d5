//! Which item of the old list is which item of the new one.
//!
//! Within one parent list, and only between nodes of the same shape (a task with a task, a
//! `gach` with a `gach`): first by `id` where both have one (two items with different ids are
//! never the same item); then equal text; then the most similar pairs left whose similarity,
//! the Dice coefficient of their syllables, is at least [`THRESHOLD`]. Containers (a task
//! list, a table) match any container of their shape, most similar first. Of the matched
//! pairs, those outside the longest run kept in the same order are *moved*.

use super::tree::Node;
use super::words::{bag, dice};

/// The least similarity for two items without a common `id` to be one item, edited.
pub const THRESHOLD: f64 = 0.5;

#[derive(Debug, Default)]
pub struct Pairing {
    /// (old index, new index, moved), in new order.
    pub pairs: Vec<(usize, usize, bool)>,
    pub removed: Vec<usize>,
    pub added: Vec<usize>,
}

pub fn pair(old: &[Node], new: &[Node]) -> Pairing {
    let mut of_old: Vec<Option<usize>> = vec![None; old.len()];
    let mut of_new: Vec<Option<usize>> = vec![None; new.len()];
    let link = |i: usize, j: usize, of_old: &mut Vec<Option<usize>>, of_new: &mut Vec<Option<usize>>| {
        of_old[i] = Some(j);
        of_new[j] = Some(i);
    };
    // 1. Same id.
    for (j, b) in new.iter().enumerate() {
        let Some(id) = &b.id else { continue };
        if let Some(i) = old.iter().enumerate().position(|(i, a)| of_old[i].is_none() && a.shape == b.shape && a.id.as_ref() == Some(id)) {
            link(i, j, &mut of_old, &mut of_new);
        }
    }
    let both_ids = |a: &Node, b: &Node| a.id.is_some() && b.id.is_some();
    // 2. Equal text, nearest first.
    for (j, b) in new.iter().enumerate() {
        if of_new[j].is_some() {
            continue;
        }
        let found = old
            .iter()
            .enumerate()
            .filter(|(i, a)| of_old[*i].is_none() && a.shape == b.shape && !both_ids(a, b) && a.text == b.text)
            .min_by_key(|(i, _)| i.abs_diff(j));
        if let Some((i, _)) = found {
            link(i, j, &mut of_old, &mut of_new);
        }
    }
    // 3. Most similar pairs above the threshold.
    let bags_old: Vec<_> = old.iter().map(|n| bag(&n.text)).collect();
    let bags_new: Vec<_> = new.iter().map(|n| bag(&n.text)).collect();
    let mut cands: Vec<(f64, usize, usize)> = Vec::new();
    for (i, a) in old.iter().enumerate().filter(|(i, _)| of_old[*i].is_none()) {
        for (j, b) in new.iter().enumerate().filter(|(j, _)| of_new[*j].is_none()) {
            if a.shape != b.shape || both_ids(a, b) {
                continue;
            }
            let s = dice(&bags_old[i], &bags_new[j]);
            if s >= THRESHOLD || a.container {
                cands.push((s, i, j));
            }
        }
    }
    cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.abs_diff(x.2).cmp(&y.1.abs_diff(y.2))).then(x.1.cmp(&y.1)));
    for (_, i, j) in cands {
        if of_old[i].is_none() && of_new[j].is_none() {
            link(i, j, &mut of_old, &mut of_new);
        }
    }
    // Moves: the pairs outside a longest increasing run of new indices, in old order.
    let seq: Vec<(usize, usize)> = of_old.iter().enumerate().filter_map(|(i, j)| j.map(|j| (i, j))).collect();
    let keep = longest_increasing(&seq.iter().map(|p| p.1).collect::<Vec<_>>());
    let mut moved = vec![false; new.len()];
    for (k, (_, j)) in seq.iter().enumerate() {
        if !keep[k] && !new[*j].container {
            moved[*j] = true;
        }
    }
    Pairing {
        pairs: of_new.iter().enumerate().filter_map(|(j, i)| i.map(|i| (i, j, moved[j]))).collect(),
        removed: (0..old.len()).filter(|i| of_old[*i].is_none()).collect(),
        added: (0..new.len()).filter(|j| of_new[*j].is_none()).collect(),
    }
}

/// Marks the members of one longest strictly increasing subsequence (patience sorting).
fn longest_increasing(v: &[usize]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new(); // indices into v
    let mut prev: Vec<Option<usize>> = vec![None; v.len()];
    for k in 0..v.len() {
        let pos = tails.partition_point(|&t| v[t] < v[k]);
        if pos > 0 {
            prev[k] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut keep = vec![false; v.len()];
    let mut cur = tails.last().copied();
    while let Some(k) = cur {
        keep[k] = true;
        cur = prev[k];
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_of_a_swapped_pair_is_moved() {
        assert_eq!(longest_increasing(&[0, 1, 3, 2, 4]).iter().filter(|k| !**k).count(), 1);
        assert!(longest_increasing(&[0, 1, 2]).iter().all(|k| *k));
    }
}

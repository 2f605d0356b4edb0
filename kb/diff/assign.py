"""Optimal one-to-one assignment and the longest order-keeping chain, for aligning two unit lists.

`assign` maximises the total gain (score − threshold, plus a small bonus for similar relative position
so that among near-equal candidates the order-keeping one wins) with the Hungarian method, run
separately on each connected component of the graph of allowed pairs (most components are one pair, so
long documents stay fast). `chain` picks the heaviest subset of pairs whose order agrees in both texts;
pairs outside it are the moved ones. Both break ties by position, so results are deterministic.
"""

from __future__ import annotations

import numpy as np


def _hungarian_max(gain: np.ndarray) -> list[tuple[int, int]]:
    """Rows × cols gain (rows <= cols) → a row-complete assignment maximising total gain."""
    cost = -gain
    n, m = cost.shape
    u = np.zeros(n + 1)
    v = np.zeros(m + 1)
    p = np.zeros(m + 1, dtype=np.int64)
    way = np.zeros(m + 1, dtype=np.int64)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = np.full(m + 1, np.inf)
        used = np.zeros(m + 1, dtype=bool)
        while True:
            used[j0] = True
            i0 = p[j0]
            cur = cost[i0 - 1] - u[i0] - v[1:]
            free = ~used[1:]
            better = free & (cur < minv[1:])
            minv[1:][better] = cur[better]
            way[1:][better] = j0
            masked = np.where(free, minv[1:], np.inf)
            j1 = int(np.argmin(masked)) + 1
            delta = masked[j1 - 1]
            u[p[used]] += delta
            v[used] -= delta
            minv[1:][free] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    return sorted((int(p[j]) - 1, j - 1) for j in range(1, m + 1) if p[j])


def _components(allowed: np.ndarray) -> list[tuple[list[int], list[int]]]:
    n, m = allowed.shape
    parent = list(range(n + m))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in zip(*np.nonzero(allowed)):
        a, b = find(int(i)), find(n + int(j))
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(n):
        groups.setdefault(find(i), ([], []))[0].append(i)
    for j in range(m):
        groups.setdefault(find(n + j), ([], []))[1].append(j)
    return [g for _, g in sorted(groups.items()) if g[0] and g[1]]


def assign(score: np.ndarray, threshold: float, order_bonus: float) -> list[tuple[int, int]]:
    """Pairs (i, j) with score >= threshold, maximising Σ(score − threshold + position bonus)."""
    n, m = score.shape
    if not n or not m:
        return []
    ro = np.arange(n) / max(1, n - 1)
    rn = np.arange(m) / max(1, m - 1)
    gain = score - threshold + order_bonus * (1.0 - np.abs(ro[:, None] - rn[None, :]))
    allowed = score >= threshold
    pairs: list[tuple[int, int]] = []
    for rows, cols in _components(allowed):
        sub = np.where(allowed[np.ix_(rows, cols)], gain[np.ix_(rows, cols)], -1.0)
        sub = np.maximum(sub, -1.0)
        flip = len(rows) > len(cols)
        found = _hungarian_max(sub.T if flip else sub)
        for a, b in found:
            i, j = (rows[b], cols[a]) if flip else (rows[a], cols[b])
            if allowed[i, j]:
                pairs.append((i, j))
    return sorted(pairs)


def chain(pairs: list[tuple[int, int]], weight: list[float]) -> set[tuple[int, int]]:
    """The heaviest subsequence of pairs (sorted by i) with increasing j: the order-keeping pairs."""
    order = sorted(range(len(pairs)), key=lambda k: pairs[k])
    best = [0.0] * len(order)
    back = [-1] * len(order)
    for a, ka in enumerate(order):
        best[a] = weight[ka]
        for b in range(a):
            kb = order[b]
            if (
                pairs[kb][1] < pairs[ka][1]
                and pairs[kb][0] < pairs[ka][0]
                and best[b] + weight[ka] > best[a] + 1e-12
            ):
                best[a] = best[b] + weight[ka]
                back[a] = b
    if not order:
        return set()
    end = max(range(len(order)), key=lambda a: (best[a], -a))
    keep: set[tuple[int, int]] = set()
    while end >= 0:
        keep.add(pairs[order[end]])
        end = back[end]
    return keep

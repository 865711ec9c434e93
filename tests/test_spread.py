"""How the files of a batch run are shared out over the local runner's workers."""

from transforms.read.transform import spread_order


def _files(sizes):
    return [(f"/in/{k:04d}.txt", size, 0.0) for k, size in enumerate(sizes)]


def test_each_worker_gets_about_the_same_bytes_in_a_mixed_order():
    sizes = [(k * 7919) % 30_000 + 200 for k in range(999)]
    files = _files(sizes)
    for parts in (1, 2, 3, 4):
        order = spread_order(files, parts)
        assert sorted(order) == sorted(files)  # every file once
        shares = [sum(f[1] for f in order[k::parts]) for k in range(parts)]
        assert max(shares) - min(shares) <= max(sizes)  # within one file
        first = [f[1] for f in order[0::parts][:50]]
        assert first != sorted(first, reverse=True)  # not largest first: mixed
    assert spread_order(files, 2) == spread_order(list(reversed(files)), 2)  # stable

namespace IpfsKit.Tests.Architecture;

/// <summary>
/// The cycles of a directed graph: its strongly connected components of two or more nodes (Tarjan's algorithm), each
/// with its shortest cycle so a failure can say which references to cut.
/// </summary>
internal static class LayerCycles
{
    /// <summary>Every strongly connected component of two or more nodes, each ordered by name.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Find(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct().Order(StringComparer.Ordinal).ToList());
        var nodes = next.Keys.Concat(next.Values.SelectMany(v => v)).Distinct().Order(StringComparer.Ordinal).ToList();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var components = new List<IReadOnlyList<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var target in next.GetValueOrDefault(node) ?? [])
            {
                if (!index.TryGetValue(target, out var targetIndex))
                {
                    Visit(target);
                    low[node] = Math.Min(low[node], low[target]);
                }
                else if (onStack.Contains(target))
                {
                    low[node] = Math.Min(low[node], targetIndex);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);

                if (component.Count > 1)
                {
                    components.Add(component.Order(StringComparer.Ordinal).ToList());
                }
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return components;
    }

    /// <summary>The shortest cycle inside <paramref name="component"/> (a component has one or more; cutting one edge
    /// of each breaks it), as its edges in order.</summary>
    public static IReadOnlyList<(string From, string To)> Shortest(IReadOnlyList<string> component, IEnumerable<(string From, string To)> edges)
    {
        var inside = component.ToHashSet();
        var next = edges.Where(e => inside.Contains(e.From) && inside.Contains(e.To))
            .GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct().Order(StringComparer.Ordinal).ToList());
        return component
            .Select(start => next[start].Select(first => new[] { (start, first) }.Concat(ShortestPath(first, start, next)).ToList()).MinBy(c => c.Count)!)
            .MinBy(c => c.Count)!;
    }

    private static List<(string From, string To)> ShortestPath(string from, string to, Dictionary<string, List<string>> next)
    {
        if (from == to)
        {
            return [];
        }

        var cameFrom = new Dictionary<string, string> { [from] = from };
        var queue = new Queue<string>([from]);
        while (queue.Count > 0 && !cameFrom.ContainsKey(to))
        {
            var node = queue.Dequeue();
            foreach (var target in next.GetValueOrDefault(node) ?? [])
            {
                if (cameFrom.TryAdd(target, node))
                {
                    queue.Enqueue(target);
                }
            }
        }

        var steps = new List<(string From, string To)>();
        for (var node = to; node != from; node = cameFrom[node])
        {
            steps.Add((cameFrom[node], node));
        }

        steps.Reverse();
        return steps;
    }
}

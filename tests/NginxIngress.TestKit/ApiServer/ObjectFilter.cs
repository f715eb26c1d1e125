namespace NginxIngress.TestKit.ApiServer;

/// <summary>
/// Which objects a list or watch sees: one resource, optionally one namespace, a label selector, and the field
/// selectors every resource supports (<c>metadata.name</c>, <c>metadata.namespace</c>).
/// </summary>
internal sealed class ObjectFilter
{
    private readonly LabelSelector _labels;
    private readonly IReadOnlyList<(string Field, string Value, bool Negate)> _fields;

    private ObjectFilter(ApiResource resource, string? ns, LabelSelector labels, IReadOnlyList<(string, string, bool)> fields)
    {
        Resource = resource;
        Namespace = ns;
        _labels = labels;
        _fields = fields;
    }

    public ApiResource Resource { get; }

    /// <summary>Null for the all-namespaces path and for cluster-scoped resources.</summary>
    public string? Namespace { get; }

    public static ObjectFilter Create(ApiResource resource, string? ns, string? labelSelector, string? fieldSelector)
    {
        var fields = new List<(string, string, bool)>();
        if (!string.IsNullOrWhiteSpace(fieldSelector))
        {
            foreach (var part in fieldSelector.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var negate = part.Contains("!=", StringComparison.Ordinal);
                var pieces = part.Split(negate ? "!=" : part.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2, StringSplitOptions.TrimEntries);
                if (pieces.Length != 2)
                {
                    throw ApiStatusException.BadRequest($"invalid selector: '{fieldSelector}'; can't understand '{part}'");
                }
                if (pieces[0] is not ("metadata.name" or "metadata.namespace"))
                {
                    throw ApiStatusException.BadRequest($"field label not supported: {pieces[0]}");
                }
                fields.Add((pieces[0], pieces[1], negate));
            }
        }
        return new ObjectFilter(resource, ns, LabelSelector.Parse(labelSelector), fields);
    }

    public bool Matches(StoredObject stored)
    {
        if (stored.Resource != Resource || (Namespace is not null && stored.Namespace != Namespace))
        {
            return false;
        }
        foreach (var (field, value, negate) in _fields)
        {
            var actual = field == "metadata.name" ? stored.Name : stored.Namespace;
            if ((actual == value) == negate)
            {
                return false;
            }
        }
        return _labels.Matches(stored.Labels);
    }

    /// <summary>Only a label selector hides a count of what is left, so lists report remainingItemCount without one.</summary>
    public bool HasSelectors => _labels != LabelSelector.Everything || _fields.Count > 0;
}

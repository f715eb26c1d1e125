namespace NginxIngress.Core.Settings;

/// <summary>
/// The hash table sizes of the http{} level. The server-name sizes are floors: the translator raises them to what
/// the hosts need, since nginx refuses to start when its server-name hash cannot be built.
/// </summary>
public sealed record HashSizeSettings
{
    public static readonly HashSizeSettings Default = new();

    /// <summary><c>server-name-hash-max-size</c>.</summary>
    public int ServerNameHashMaxSize { get; init; } = 1024;

    /// <summary><c>server-name-hash-bucket-size</c>; 0 when unset (computed from the longest name).</summary>
    public int ServerNameHashBucketSize { get; init; }

    /// <summary><c>variables-hash-bucket-size</c>.</summary>
    public int VariablesHashBucketSize { get; init; } = 256;

    /// <summary><c>variables-hash-max-size</c>.</summary>
    public int VariablesHashMaxSize { get; init; } = 2048;

    internal static HashSizeSettings From(ConfigMapReader reader)
    {
        var d = Default;
        return new HashSizeSettings
        {
            ServerNameHashMaxSize = reader.Read(HttpConfigMapKeys.ServerNameHashMaxSize, d.ServerNameHashMaxSize, ConfigMapValues.Int(1, 1 << 24)),
            ServerNameHashBucketSize = reader.Read(HttpConfigMapKeys.ServerNameHashBucketSize, d.ServerNameHashBucketSize, ConfigMapValues.Int(1, 1 << 16)),
            VariablesHashBucketSize = reader.Read(HttpConfigMapKeys.VariablesHashBucketSize, d.VariablesHashBucketSize, ConfigMapValues.Int(1, 1 << 16)),
            VariablesHashMaxSize = reader.Read(HttpConfigMapKeys.VariablesHashMaxSize, d.VariablesHashMaxSize, ConfigMapValues.Int(1, 1 << 24)),
        };
    }
}

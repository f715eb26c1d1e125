using System.Reflection;
using k8s;
using k8s.Authentication;
using k8s.Models;
using NginxIngress.Integration.Tests.ApiServer;
using NginxIngress.Kubernetes.Informers;

namespace NginxIngress.Integration.Tests.Informers;

/// <summary>
/// Pitfall 16: bound service-account tokens rotate. In a pod the controller's client comes from the library's
/// in-cluster configuration, whose <see cref="TokenFileAuth"/> re-reads the projected token file; we never copy the
/// token. This builds the same configuration on a token file of our own (the in-cluster path is fixed under
/// /var/run/secrets) and shows that an informer whose token was revoked recovers once the file holds the new one,
/// without relisting or losing an event.
/// </summary>
public sealed class TokenRotationTests : EmulatedClusterTest
{
    private static readonly ResourceInformerOptions Quick = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        RetryMaxDelay = TimeSpan.FromMilliseconds(200),
    };

    [Test]
    public async Task An_informer_survives_a_token_rotation_by_reading_the_new_token_from_its_file()
    {
        var folder = Directory.CreateTempSubdirectory("token-rotation-").FullName;
        var tokenFile = Path.Combine(folder, "token");
        await File.WriteAllTextAsync(tokenFile, Emulator.BearerToken);
        var tokenReader = new TokenFileAuth(tokenFile);
        var configuration = new KubernetesClientConfiguration { Host = Emulator.BaseAddress.ToString(), TokenProvider = tokenReader };
        using var client = new k8s.Kubernetes(configuration);
        var sink = new RecordingSink<V1Ingress>();
        var informer = new ResourceInformer<V1Ingress>(client, new IngressKind(null), sink, Quick);
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);
        Emulator.Apply(Ingress("before"));
        await informer.Synced.WaitAsync(Deadline);
        await sink.WaitUntilAsync(s => s.Names.Contains("default/before"), Deadline, "the first Ingress arrives");

        // The kubelet writes a new token and the old one is revoked; the open watch breaks like any connection.
        await File.WriteAllTextAsync(tokenFile, "rotated-token");
        Emulator.RotateToken("rotated-token");
        Emulator.DropWatches();
        Emulator.Apply(Ingress("after"));
        await WaitUntilAsync(() => Emulator.Requests.Any(r => r.StatusCode == 401), "a request is refused with the revoked token");
        // The client re-reads the file once its cached token is a minute old; skip that minute. The expiry is internal
        // to the library, so it is reached by reflection; if a library update renames it, this fails loudly here.
        var expiry = typeof(TokenFileAuth).GetProperty("TokenExpiresAt", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
        Assert.That(expiry, Is.Not.Null, "TokenFileAuth keeps its re-read time in TokenExpiresAt");
        expiry!.SetValue(tokenReader, DateTime.UtcNow);

        await sink.WaitUntilAsync(s => s.Names.Contains("default/after"), Deadline, "the Ingress created after the rotation arrives");
        Assert.That(Emulator.CountRequests("list", "ingresses"), Is.EqualTo(1), "resumed from the last resourceVersion, no relist");

        await stop.CancelAsync();
        await run.WaitAsync(Deadline);
        Directory.Delete(folder, recursive: true);
    }
}

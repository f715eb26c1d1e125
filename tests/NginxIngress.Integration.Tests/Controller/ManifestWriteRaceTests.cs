using System.Net;
using NginxIngress.Integration.Tests.Routing;
using NginxIngress.TestKit.Backends;

namespace NginxIngress.Integration.Tests.Controller;

/// <summary>
/// Files in the watched folder are written while the controller reads them: tools flush one document at a
/// time, and the watcher wakes on the first byte. Whatever the controller saw in between, it must end up
/// serving what the file finally says.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ManifestWriteRaceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    // Documents with a header comment, as teams write them: reading one takes long enough that the writer
    // often finishes during a read, which is when a stale read could be mistaken for the finished file.
    private static readonly string Commentary = string.Concat(Enumerable.Repeat("# owner: team-race; see the runbook before changing this object\n", 300));

    [Test]
    public async Task New_file_written_document_by_document_is_served_as_finally_written()
    {
        const int rounds = 20;
        using var manifests = new ManifestFolder();
        await using var backend = await EchoBackend.StartAsync(LoopbackAddresses.Next(), 0, "echo", "echo-1");
        await using var controller = await RunningController.StartAsync(manifests.Path);
        await RunningController.EventuallyAsync(async () => await controller.HealthzAsync() == HttpStatusCode.OK, Patience, "healthy");
        var random = new Random(20);

        for (var round = 0; round < rounds; round++)
        {
            // The Ingress comes first, so a load that stops short of the end sees it without its Service.
            var name = $"race-{round}";
            var host = $"{name}.example.com";
            string[] documents =
            [
                Commentary + RoutingYaml.Ingress(name, host, [("/", "Prefix", name)]),
                Commentary + RoutingYaml.Service(name),
                Commentary + ManifestFolder.EndpointSlice(name, new IPEndPoint(backend.Address, backend.Port)),
            ];
            manifests.WriteDocumentByDocument($"{name}.yaml", documents, [.. documents.Select(_ => random.Next(2))]);

            await RunningController.EventuallyAsync(async () =>
            {
                using var response = await controller.GetAsync(host, "/");
                return response.StatusCode == HttpStatusCode.OK;
            }, Patience, $"round {round}: {host} is served by its backend once its file is complete");
        }
    }
}

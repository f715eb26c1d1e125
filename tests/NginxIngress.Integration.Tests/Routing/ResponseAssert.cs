using NginxIngress.TestKit.Scenarios;
using NUnit.Framework;

namespace NginxIngress.Integration.Tests.Routing;

internal static class ResponseAssert
{
    /// <summary>
    /// A Service name means that Service's pod answered 200; null means nginx's own 404 (the controller's default
    /// backend: no path matched and there is no spec.defaultBackend).
    /// </summary>
    public static void ServedBy(IngressResponse response, string? service)
    {
        if (service is null)
        {
            Assert.That(response.StatusCode, Is.EqualTo(404), response.Summary);
            Assert.That(response.Echo, Is.Null, response.Summary);
        }
        else
        {
            Assert.That(response.StatusCode, Is.EqualTo(200), response.Summary);
            Assert.That(response.RequireEcho().Service, Is.EqualTo(service), response.Summary);
        }
    }
}

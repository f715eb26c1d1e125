using NginxIngress.Nginx.Rendering;

namespace NginxIngress.Nginx.Validation;

/// <summary>Checks a candidate config before it may go live. The seam between the pure stages and nginx itself.</summary>
public interface INginxValidator
{
    Task<ValidationResult> ValidateAsync(RenderedConfig config, CancellationToken cancellationToken);
}

using System.Security.Cryptography;
using System.Text;

namespace NginxIngress.Core.Tls;

/// <summary>One PEM block of a Secret value: its label and its decoded DER.</summary>
internal sealed record PemBlock(string Label, byte[] Der)
{
    /// <summary>
    /// A Secret value as text. Latin-1 maps every byte to one char, so DER or random bytes never fail to decode
    /// (they simply hold no PEM block), and PEM, being ASCII, reads unchanged.
    /// </summary>
    public static string Text(byte[] value) => Encoding.Latin1.GetString(value);

    /// <summary>
    /// Every well-formed block in <paramref name="text"/>, in order. Text around and between blocks is ignored,
    /// as OpenSSL (and so nginx) ignores it; a malformed block is skipped rather than fatal, so the caller decides
    /// from the labels it did find.
    /// </summary>
    public static IReadOnlyList<PemBlock> Parse(string text)
    {
        var blocks = new List<PemBlock>();
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var der = new byte[fields.DecodedDataLength];
            // TryFind has already checked the base64, so this cannot fail for a block it returned.
            if (Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out var written) && written == der.Length)
            {
                blocks.Add(new PemBlock(rest[fields.Label].ToString(), der));
            }
            rest = rest[fields.Location.End..];
        }
        return blocks;
    }

    public static string Write(string label, ReadOnlySpan<byte> der) => PemEncoding.WriteString(label, der) + "\n";

    /// <summary>No key text in logs or assertion messages, even for a private key's block.</summary>
    public override string ToString() => $"PEM {Label} ({Der.Length} bytes)";
}

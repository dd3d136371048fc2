using System.Text;
using Microsoft.Net.Http.Headers;

namespace PatrolScores.OsmSimulator.OAuth;

/// <summary>The client's id and secret, from HTTP Basic (preferred, RFC 6749 §2.3.1) or the form body.</summary>
internal sealed record ClientCredentials(string? ClientId, string? ClientSecret, bool FromBasic)
{
    private const string BasicScheme = "Basic ";

    public static ClientCredentials From(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        if (!header.StartsWith(BasicScheme, StringComparison.OrdinalIgnoreCase))
            return new(Field(form, "client_id"), Field(form, "client_secret"), FromBasic: false);

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[BasicScheme.Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0
                ? new(null, null, FromBasic: true)
                : new(Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]), FromBasic: true);
        }
        catch (FormatException)
        {
            return new(null, null, FromBasic: true);
        }
    }

    public static string? Field(IFormCollection form, string name) =>
        form.TryGetValue(name, out var value) && value.Count > 0 && !string.IsNullOrEmpty(value[0]) ? value[0] : null;
}

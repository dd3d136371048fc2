using System.Globalization;
using System.Text;
using PatrolScores.Gateway.Devices.Pairing;
using PatrolScores.Gateway.Storage.Records;

namespace PatrolScores.Gateway.Leaders;

/// <summary>The leader's list of paired scoreboards, with a rename, a move (what it shows) and a revoke form for each.</summary>
internal static class DevicePages
{
    public static IResult List(string antiforgeryField, string antiforgeryToken, IReadOnlyList<DeviceRecord> devices, IReadOnlyDictionary<long, string> sections, string? notice)
    {
        var rows = new StringBuilder();
        foreach (var device in devices)
        {
            var id = PairingPages.Encode(device.Id);
            var section = device.ShowsLocalTeams ? "your local teams"
                : device.SectionId is { } s && sections.TryGetValue(s, out var name) ? name : device.SectionId?.ToString(CultureInfo.InvariantCulture) ?? "none";
            var lastUsed = device.LastUsedAt is { } used ? used.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "not yet";
            rows.Append(CultureInfo.InvariantCulture, $"""
                <section aria-labelledby="d-{id}">
                  <h2 id="d-{id}">{PairingPages.Encode(device.Name)}</h2>
                  <p>Section: {PairingPages.Encode(section)}. Last used: {PairingPages.Encode(lastUsed)}.</p>
                  <form method="post" action="/devices/{id}/rename">
                    {PairingPages.Hidden(antiforgeryField, antiforgeryToken)}
                    <label for="name-{id}">New name for {PairingPages.Encode(device.Name)}</label>
                    <input type="text" id="name-{id}" name="name" maxlength="60" required>
                    <button type="submit">Rename</button>
                  </form>
                  <form method="post" action="/devices/{id}/move">
                    {PairingPages.Hidden(antiforgeryField, antiforgeryToken)}
                    <label for="target-{id}">{PairingPages.Encode(device.Name)} shows</label>
                    <select id="target-{id}" name="target">{TargetOptions(device, sections)}</select>
                    <button type="submit" aria-label="Move {PairingPages.Encode(device.Name)}">Move</button>
                  </form>
                  <form method="post" action="/devices/{id}/revoke">
                    {PairingPages.Hidden(antiforgeryField, antiforgeryToken)}
                    <button type="submit" aria-label="Revoke {PairingPages.Encode(device.Name)}">Revoke</button>
                  </form>
                </section>
                """);
        }

        var body = devices.Count == 0
            ? "<p>You have no paired scoreboards.</p>"
            : rows.ToString();
        var message = notice is null ? "" : $"""<p role="status">{PairingPages.Encode(notice)}</p>""";
        return PairingPages.Page("Your scoreboards", $"""<nav><a href="/scores">Award points</a><a href="/scores/local">Local teams</a></nav><h1>Your scoreboards</h1>{message}{body}""");
    }

    // One option per section of the leader's profile, then their local teams; what the board shows now is selected.
    private static string TargetOptions(DeviceRecord device, IReadOnlyDictionary<long, string> sections)
    {
        var options = new StringBuilder();
        foreach (var (sectionId, name) in sections.OrderBy(s => s.Value, StringComparer.CurrentCultureIgnoreCase))
        {
            var selected = device.ShownSectionId == sectionId ? " selected" : "";
            options.Append(CultureInfo.InvariantCulture, $"""<option value="section:{sectionId}"{selected}>{PairingPages.Encode(name)}</option>""");
        }

        options.Append(CultureInfo.InvariantCulture, $"""<option value="local"{(device.ShowsLocalTeams ? " selected" : "")}>Local teams</option>""");
        return options.ToString();
    }
}

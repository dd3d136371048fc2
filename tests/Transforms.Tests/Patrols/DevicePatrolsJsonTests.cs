using System.Buffers;
using System.Text;
using PatrolScores.Transforms.Patrols;

namespace PatrolScores.Transforms.Tests.Patrols;

public sealed class DevicePatrolsJsonTests
{
    [Fact]
    public void Patrols_array_has_string_ids_and_integer_scores_in_the_given_order()
    {
        var bytes = DevicePatrolsJson.SerializePatrolsArray(
        [
            new DevicePatrol("72699", "Eagles", 32),
            new DevicePatrol("5", "Owl's \"Nest\" & Co", -3),
            new DevicePatrol("6", "Élan", 0),
        ]);

        Assert.Equal(
            """[{"id":"72699","name":"Eagles","score":32},{"id":"5","name":"Owl's \"Nest\" & Co","score":-3},{"id":"6","name":"Élan","score":0}]""",
            Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void No_patrols_is_an_empty_array() =>
        Assert.Equal("[]", Encoding.UTF8.GetString(DevicePatrolsJson.SerializePatrolsArray([])));

    [Fact]
    public void Device_body_wraps_the_array_with_utc_whole_second_timestamps()
    {
        var patrols = DevicePatrolsJson.SerializePatrolsArray([new DevicePatrol("72699", "Eagles", 32)]);
        // 15:30:00.9999999 at +01:00 is 14:30:00 UTC; the fraction is cut, not rounded up.
        var cachedAt = new DateTimeOffset(2026, 11, 23, 15, 30, 0, TimeSpan.FromHours(1)).AddTicks(9_999_999);
        var expiresAt = new DateTimeOffset(2026, 11, 23, 9, 35, 0, 500, TimeSpan.FromHours(-5));
        var output = new ArrayBufferWriter<byte>();

        DevicePatrolsJson.WriteDeviceBody(output, patrols, fromCache: true, cachedAt, expiresAt, "NONE");

        Assert.Equal(
            """{"patrols":[{"id":"72699","name":"Eagles","score":32}],"from_cache":true,"cached_at":"2026-11-23T14:30:00Z","cache_expires_at":"2026-11-23T14:35:00Z","rate_limit_state":"NONE"}""",
            Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Device_body_with_no_patrols_and_a_fresh_fetch()
    {
        var output = new ArrayBufferWriter<byte>();
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        DevicePatrolsJson.WriteDeviceBody(output, "[]"u8, fromCache: false, at, at.AddMinutes(30), "USER_TEMPORARY_BLOCK");

        Assert.Equal(
            """{"patrols":[],"from_cache":false,"cached_at":"2026-01-02T03:04:05Z","cache_expires_at":"2026-01-02T03:34:05Z","rate_limit_state":"USER_TEMPORARY_BLOCK"}""",
            Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Device_body_carries_patrol_colours_as_settings_when_there_are_some()
    {
        var output = new ArrayBufferWriter<byte>();
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var settings = DevicePatrolsJson.SerializeSettings([new("72699", "red"), new("72700", "")]);

        DevicePatrolsJson.WriteDeviceBody(output, "[]"u8, fromCache: true, at, at, "NONE", websocketRequested: true, settings);

        Assert.Equal(
            """{"patrols":[],"from_cache":true,"cached_at":"2026-01-02T03:04:05Z","cache_expires_at":"2026-01-02T03:04:05Z","rate_limit_state":"NONE","settings":{"patrolColors":{"72699":"red","72700":""}},"websocket":{"requested":true}}""",
            Encoding.UTF8.GetString(output.WrittenSpan));
        Assert.Empty(DevicePatrolsJson.SerializeSettings([]));
    }

    [Theory]
    [InlineData("[{\"id\":")]
    [InlineData("{\"id\":\"1\"}")]
    [InlineData("[] []")]
    [InlineData("")]
    public void A_corrupt_array_is_refused_and_nothing_is_written(string patrolsArray)
    {
        var output = new ArrayBufferWriter<byte>();
        var at = DateTimeOffset.UnixEpoch;

        Assert.Throws<ArgumentException>(
            () => DevicePatrolsJson.WriteDeviceBody(output, Encoding.UTF8.GetBytes(patrolsArray), fromCache: true, at, at, "NONE"));
        Assert.Equal(0, output.WrittenCount);
    }
}

using System.Net;
using PatrolScores.Gateway.Security;

namespace PatrolScores.Gateway.Tests.Security;

public sealed class ApiKeyHashesTests
{
    private static readonly byte[][] Configured = [ApiKeyHashes.Parse(ApiKeyHashes.Compute("first-key")), ApiKeyHashes.Parse(ApiKeyHashes.Compute("second-key"))];

    [Fact]
    public void The_hash_is_what_sha256sum_prints()
    {
        // printf %s abc | sha256sum
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeyHashes.Compute("abc"));
    }

    [Theory]
    [InlineData("first-key", 0)]
    [InlineData("second-key", 1)]
    [InlineData("Second-key", -1)]
    [InlineData("second-key ", -1)]
    [InlineData("", -1)]
    [InlineData(null, -1)]
    public void A_presented_key_matches_only_its_own_hash(string? key, int expected)
    {
        Assert.Equal(expected, ApiKeyHashes.Match(key, Configured));
    }

    [Fact]
    public void An_empty_key_never_matches_even_the_hash_of_an_empty_key()
    {
        Assert.Equal(-1, ApiKeyHashes.Match("", [ApiKeyHashes.Parse(ApiKeyHashes.Compute(""))]));
    }

    [Theory]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", true)]
    [InlineData("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", true)]
    [InlineData("ba7816bf", false)]
    [InlineData("zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", false)]
    [InlineData("the-key-itself", false)]
    [InlineData(null, false)]
    public void Only_64_hex_digits_are_a_hash(string? text, bool valid)
    {
        Assert.Equal(valid, ApiKeyHashes.IsValidHash(text));
    }
}

public sealed class NetworkAllowListTests
{
    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("::ffff:10.9.9.9", true)]
    [InlineData("192.168.1.1", false)]
    [InlineData("::1", false)]
    public void Addresses_inside_a_listed_network_or_equal_to_a_listed_address_are_allowed(string address, bool allowed)
    {
        Assert.Equal(-1, NetworkAllowList.TryParse(["10.0.0.0/8", "127.0.0.1"], out var list));

        Assert.Equal(allowed, list.Allows(IPAddress.Parse(address)));
    }

    [Fact]
    public void An_empty_list_allows_everyone_and_a_listed_one_refuses_an_unknown_address()
    {
        Assert.Equal(-1, NetworkAllowList.TryParse([], out var empty));
        Assert.Equal(-1, NetworkAllowList.TryParse(["10.0.0.0/8"], out var listed));

        Assert.True(empty.Allows(null));
        Assert.False(listed.Allows(null));
    }

    [Fact]
    public void A_bad_entry_is_reported_by_index()
    {
        Assert.Equal(1, NetworkAllowList.TryParse(["10.0.0.0/8", "ten.0.0.0/8"], out _));
    }
}

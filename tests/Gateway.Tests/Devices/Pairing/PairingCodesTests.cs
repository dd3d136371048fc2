using PatrolScores.Gateway.Devices.Pairing;

namespace PatrolScores.Gateway.Tests.Devices.Pairing;

public sealed class PairingCodesTests
{
    [Theory]
    [InlineData("BCDF-GHJK", "BCDFGHJK")]
    [InlineData("bcdfghjk", "BCDFGHJK")]
    [InlineData(" bcdf ghjk ", "BCDFGHJK")]
    [InlineData("BcDf-gHjK", "BCDFGHJK")]
    public void What_a_person_types_is_normalised(string typed, string expected)
    {
        Assert.Equal(expected, PairingCodes.Normalize(typed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("BCDF-GHJ")]
    [InlineData("BCDF-GHJKL")]
    [InlineData("ABCD-EFGH")]
    [InlineData("BCD0-GHJK")]
    [InlineData("BCDF_GHJK")]
    public void What_cannot_be_a_code_is_refused(string? typed)
    {
        Assert.Null(PairingCodes.Normalize(typed));
    }

    [Fact]
    public void New_codes_use_consonants_only_and_differ()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => PairingCodes.NewUserCode()).ToList();

        Assert.All(codes, code => Assert.Matches("^[BCDFGHJKLMNPQRSTVWXZ]{8}$", code));
        Assert.True(codes.Distinct().Count() > 195);
        Assert.Equal("BCDF-GHJK", PairingCodes.Display("BCDFGHJK"));
    }

    [Fact]
    public void Device_codes_and_tokens_carry_256_random_bits()
    {
        var token = PairingCodes.NewDeviceToken();

        Assert.Equal(43, token.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.NotEqual(token, PairingCodes.NewDeviceToken());
        Assert.NotEqual(PairingCodes.NewDeviceCode(), PairingCodes.NewDeviceCode());
    }
}

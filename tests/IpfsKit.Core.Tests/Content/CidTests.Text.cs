using System.ComponentModel;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsKit.Content;
using IpfsKit.Errors;
using IpfsKit.Tests.Generators;

namespace IpfsKit.Tests.Content;

/// <summary>The text habits of .NET values: non-throwing parse, span formatting, JSON and TypeConverter.</summary>
public sealed partial class CidTests
{
    public static TheoryData<string> BadTexts => new()
    {
        "", "Qm", "not-a-cid", "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5O", "b", "bafy", "BAFKREIFJJCIE6LYPI6NY7AMXNFFTAGCLBUXNDQONFIPMB64F2KM2DEVEI4x",
        "zQmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o", "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4=", "!x", "u", new string('z', 70_000),
    };

    [Theory]
    [MemberData(nameof(BadTexts))]
    public void TryParse_BadText_FalseWithoutRaisingAnyException(string text)
    {
        // The core returns its reason instead of throwing: a hostile gateway path costs no exception.
        var thread = Environment.CurrentManagedThreadId;
        var raised = new List<Exception>();
        void Record(object? sender, FirstChanceExceptionEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == thread)
            {
                raised.Add(e.Exception);
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += Record;
        bool parsed;
        try
        {
            parsed = Cid.TryParse(text, out _) || Cid.TryParse(text.AsSpan(), out _);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Record;
        }

        Assert.False(parsed);
        Assert.Empty(raised);
        Assert.Throws<IpfsKitFormatException>(() => Cid.Parse(text));
    }

    [Property]
    public Property TryParse_AgreesWithParse_OnAnyText() =>
        Prop.ForAll(Gen.OneOf(ArbMap.Default.GeneratorFor<string>(), ContentGen.Cid.Select(c => c.ToString()[..^1] + "b")).ToArbitrary(), text =>
        {
            text ??= string.Empty;
            var ok = Cid.TryParse(text, out var tried);
            try
            {
                var parsed = Cid.Parse(text);
                return ok && parsed == tried;
            }
            catch (IpfsKitFormatException)
            {
                return !ok;
            }
        });

    [Property(Arbitrary = [typeof(ContentArbitraries)])]
    public Property Format_MultibasePrefix_IsToStringOfThatBase(MultibaseEncoding encoding) =>
        Prop.ForAll(ContentGen.CidV1.ToArbitrary(), cid =>
        {
            var format = ((char)encoding).ToString();
            Span<char> buffer = stackalloc char[256];
            var fits = cid.TryFormat(buffer, out var written, format, CultureInfo.InvariantCulture);
            return string.Format(CultureInfo.InvariantCulture, "{0:" + format + "}", cid) == cid.ToString(encoding)
                && fits && buffer[..written].SequenceEqual(cid.ToString(encoding))
                && $"{cid}" == cid.ToString();
        });

    [Fact]
    public void TryFormat_ShortDestination_FalseAndNothingWritten()
    {
        var cid = Cid.Parse(HelloRaw);

        Assert.False(cid.TryFormat(new char[HelloRaw.Length - 1], out var written, default, null));
        Assert.Equal(0, written);
        Assert.Throws<FormatException>(() => cid.ToString("Q", null));
        Assert.Throws<InvalidOperationException>(() => Cid.Parse(HelloV0).ToString("b", null));
    }

    [Fact]
    public void SpanParsable_GenericCallers_ParseCids()
    {
        static T ParseAny<T>(string text) where T : ISpanParsable<T> => T.Parse(text.AsSpan(), CultureInfo.InvariantCulture);

        Assert.Equal(Cid.Parse(HelloV0), ParseAny<Cid>(HelloV0));
        Assert.Throws<IpfsKitFormatException>(() => ParseAny<Cid>("nope"));
    }

    private sealed record Added(Cid Cid, Cid Parent, Dictionary<Cid, int> Sizes);

    [Fact]
    public void Json_CidIsItsString_EmptyIsNull_KeysToo()
    {
        var added = new Added(Cid.Parse(HelloV0), default, new() { [Cid.Parse(HelloRaw)] = 12 });

        var json = JsonSerializer.Serialize(added);

        Assert.Equal($$$"""{"Cid":"{{{HelloV0}}}","Parent":null,"Sizes":{"{{{HelloRaw}}}":12}}""", json);
        var back = JsonSerializer.Deserialize<Added>(json)!;
        Assert.Equal(added.Cid, back.Cid);
        Assert.True(back.Parent.IsEmpty);
        Assert.Equal(12, back.Sizes[Cid.Parse(HelloRaw)]);
    }

    [Theory]
    [InlineData("""{"Cid":"bafy-not","Parent":null,"Sizes":{}}""")]
    [InlineData("""{"Cid":12,"Parent":null,"Sizes":{}}""")]
    [InlineData("""{"Cid":{"Version":0},"Parent":null,"Sizes":{}}""")]
    public void Json_NotACidString_IsJsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Added>(json));

    [Property]
    public Property Json_RoundTrips() =>
        Prop.ForAll(ContentGen.Cid.ToArbitrary(), cid => JsonSerializer.Deserialize<Cid>(JsonSerializer.Serialize(cid)) == cid);

    [Fact]
    public void TypeConverter_ConvertsTextBothWays()
    {
        var converter = TypeDescriptor.GetConverter(typeof(Cid));

        Assert.Equal(Cid.Parse(HelloRaw), converter.ConvertFromInvariantString(HelloRaw));
        Assert.Equal(HelloV0, converter.ConvertToInvariantString(Cid.Parse(HelloV0)));
        Assert.Throws<IpfsKitFormatException>(() => converter.ConvertFromInvariantString("Qm"));
    }
}

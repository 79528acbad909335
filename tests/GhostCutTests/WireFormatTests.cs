using System.Text.Json;
using System.Text.Json.Nodes;
using Vtis.GhostCut;

namespace Vtis.GhostCutTests;

public sealed class WireFormatTests
{
    private static readonly JsonSerializerOptions StrictOptions = new() { Converters = { new GhostCutIdConverter() } };

    [TestCase("476993630")]
    [TestCase("\"476993630\"")]
    public void Id_converter_accepts_numbers_and_numeric_strings(string json)
    {
        Assert.That(JsonSerializer.Deserialize<long>(json, StrictOptions), Is.EqualTo(476993630));
    }

    [TestCase("\"abc\"")]
    [TestCase("\"-5\"")]
    [TestCase("true")]
    public void Id_converter_rejects_anything_else(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<long>(json, StrictOptions));
    }

    [Test]
    public void Id_converter_writes_numbers()
    {
        Assert.That(JsonSerializer.Serialize(476993630L, StrictOptions), Is.EqualTo("476993630"));
    }

    [Test]
    public void Work_row_reads_ids_sent_as_strings()
    {
        const string row = """{"id":"488026661","idProject":"230953994","processStatus":1,"videoUrl":"https://example.com/r.mp4"}""";

        var work = JsonSerializer.Deserialize<GhostCutWork>(row, GhostCutJson.Options)!;

        Assert.That((work.Id, work.IdProject, work.IsSucceeded), Is.EqualTo((488026661L, 230953994L, true)));
    }

    [TestCase(-3, true, false, false)]
    [TestCase(-1, true, false, false)]
    [TestCase(0, true, false, false)]
    [TestCase(1, false, true, false)]
    [TestCase(2, false, false, true)]
    [TestCase(111, false, false, true)]
    public void Work_state_follows_process_status_only(int status, bool running, bool succeeded, bool failed)
    {
        var work = new GhostCutWork { ProcessStatus = status, ProcessProgress = 100 };

        Assert.That((work.IsRunning, work.IsSucceeded, work.IsFailed), Is.EqualTo((running, succeeded, failed)));
    }

    [Test]
    public void Masks_travel_as_a_string_holding_the_documented_array()
    {
        var field = GhostCutMask.ToField([GhostCutMask.Box(GhostCutMaskType.RemoveOnlyOcr, 0, 0.8, 1, 1)]);

        Assert.That(field, Is.EqualTo(
            """[{"type":"remove_only_ocr","start":0,"end":99999,"region":[[0,0.8],[1,0.8],[1,1],[0,1]]}]"""));
        Assert.That(GhostCutMask.ParseField(field).Single().Type, Is.EqualTo(GhostCutMaskType.RemoveOnlyOcr));
    }

    [Test]
    public void Create_request_uses_the_documented_field_names_and_string_fields()
    {
        var request = new GhostCutWorkRequest
        {
            Urls = ["https://example.com/in.mp4"],
            Names = ["in"],
            Resolution = "720p",
            Callback = "https://example.com/cb",
            Uid = "sub",
            NeedChineseOcclude = 2,
            VideoInpaintLang = "all",
            VideoInpaintMasks = GhostCutMask.ToField([GhostCutMask.Box(GhostCutMaskType.Keep, 0, 0, 0.5, 0.5)]),
            ExtraOptions = """{"extra_inpaint_config":{"model":"advanced_lite"}}""",
        };

        var json = JsonSerializer.SerializeToNode(request, GhostCutJson.Options)!.AsObject();

        Assert.That(json.Select(property => property.Key), Is.EquivalentTo(new[]
        {
            "urls", "names", "resolution", "callback", "uid", "needChineseOcclude", "videoInpaintLang",
            "videoInpaintMasks", "extraOptions",
        }));
        Assert.That(json["videoInpaintMasks"]!.GetValueKind(), Is.EqualTo(JsonValueKind.String));
        Assert.That(json["extraOptions"]!.GetValueKind(), Is.EqualTo(JsonValueKind.String));
    }

    [Test]
    public void Unset_request_fields_are_left_out()
    {
        var json = JsonSerializer.Serialize(new GhostCutWorkRequest { Urls = ["https://example.com/in.mp4"] }, GhostCutJson.Options);

        Assert.That(json, Is.EqualTo("""{"urls":["https://example.com/in.mp4"]}"""));
    }

    [Test]
    public void Error_envelope_reads_with_a_null_body()
    {
        const string answer = """{"code":2004,"msg":"AppSign is invalid","trace":"0123456789abcdef0123456789abcdef","body":null}""";

        var envelope = JsonSerializer.Deserialize<GhostCutEnvelope<GhostCutWorkPage>>(answer, GhostCutJson.Options)!;

        Assert.That((envelope.Code, envelope.Body), Is.EqualTo((2004, (GhostCutWorkPage?)null)));
    }

    [Test]
    public void Options_report_configured_only_with_key_and_secret()
    {
        Assert.That(new GhostCutOptions { ApiKey = "k" }.IsConfigured, Is.False);
        Assert.That(new GhostCutOptions { ApiKey = "k", AppSecret = "s" }.IsConfigured, Is.True);
    }
}

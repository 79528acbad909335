using System.Xml.Linq;

namespace Vtis.AppHost.Operations;

/// <summary>Reads the <c>&lt;summary&gt;</c> of a type from its assembly's XML documentation file, so each
/// operation's summary in the API explorer is the doc comment written once on its request DTO.</summary>
public static class XmlDocs
{
    private static readonly Dictionary<string, Dictionary<string, string>> Cache = [];
    private static readonly Lock Gate = new();

    public static string? SummaryOf(Type type)
    {
        var file = Path.ChangeExtension(type.Assembly.Location, ".xml");
        Dictionary<string, string> summaries;
        lock (Gate)
        {
            if (!Cache.TryGetValue(file, out summaries!)) Cache[file] = summaries = Load(file);
        }

        return summaries.GetValueOrDefault("T:" + type.FullName);
    }

    private static Dictionary<string, string> Load(string file)
    {
        if (!File.Exists(file)) return [];
        return XDocument.Load(file).Descendants("member")
            .Where(m => m.Attribute("name") is not null && m.Element("summary") is not null)
            .ToDictionary(
                m => m.Attribute("name")!.Value,
                m => string.Join(' ', string.Concat(m.Element("summary")!.Nodes().Select(Text))
                    .Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)));
    }

    // <c>x</c> and <see cref="T:Foo"/> read as their text.
    private static string Text(XNode node) => node switch
    {
        XText text => text.Value,
        XElement { Name.LocalName: "see" } see => (see.Attribute("cref")?.Value ?? see.Attribute("langword")?.Value ?? "").Split('.').Last(),
        XElement element => element.Value,
        _ => "",
    };
}

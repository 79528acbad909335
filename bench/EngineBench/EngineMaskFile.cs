using Vtis.Engine;

namespace Vtis.EngineBench;

/// <summary>
/// The pixels the engine replaced, per frame, as it reported them (<see cref="FrameMask.Runs"/>), in a compact binary
/// file next to the boxes file: for each frame its index and run count, then each run's row, first column and length,
/// all as 7-bit encoded integers (a run takes 4 or 5 bytes; a 720p frame's subtitles a few kilobytes).
/// </summary>
internal static class EngineMaskFile
{
    public static string PathBeside(string boxesPath) => Path.ChangeExtension(boxesPath, ".masks");

    public static void Write(BinaryWriter writer, FrameMask mask)
    {
        writer.Write7BitEncodedInt(mask.Index);
        writer.Write7BitEncodedInt(mask.Runs.Count);
        foreach (var run in mask.Runs)
        {
            writer.Write7BitEncodedInt(run.Y);
            writer.Write7BitEncodedInt(run.X);
            writer.Write7BitEncodedInt(run.Length);
        }
    }

    /// <summary>The runs of each frame, by frame index (none for a frame the file does not mention).</summary>
    public static MaskRun[][] Read(string path, int frames)
    {
        var perFrame = Enumerable.Repeat(Array.Empty<MaskRun>(), frames).ToArray();
        using var reader = new BinaryReader(File.OpenRead(path));
        while (reader.BaseStream.Position < reader.BaseStream.Length)
        {
            var index = reader.Read7BitEncodedInt();
            var runs = new MaskRun[reader.Read7BitEncodedInt()];
            for (var i = 0; i < runs.Length; i++)
                runs[i] = new MaskRun(reader.Read7BitEncodedInt(), reader.Read7BitEncodedInt(), reader.Read7BitEncodedInt());
            if (index >= 0 && index < frames) perFrame[index] = runs;
        }

        return perFrame;
    }
}

Console.WriteLine("engine bench: not written yet");

namespace Vtis.EngineTests;

export {
  startBedrockSimulator,
  type BedrockSimulator,
  type BedrockSimulatorOptions,
  type RecordedCall,
} from './start-bedrock-simulator.js';
export { presetNames, type PresetName } from './answer/presets.js';
export { createSignatureVerifier, type SignatureVerifier, type SignatureVerdict, type SigningCredentials } from './verify-signature.js';
export { SCRIPT_MARKER, type MockScript, type MockBlock, type BedrockErrorName, type BedrockStreamExceptionName } from './script.js';
export type { SimulatorOperation } from './operations.js';

import type { BedrockErrorName, BedrockStreamExceptionName } from './script.js';

export interface BedrockErrorDefaults {
  status: number;
  message: string;
}

/** HTTP status and a message in Bedrock's words, for each error a script can ask for. */
export function bedrockErrorDefaults(name: BedrockErrorName): BedrockErrorDefaults {
  switch (name) {
    case 'ValidationException':
      return { status: 400, message: 'The provided request is not valid.' };
    case 'AccessDeniedException':
      return { status: 403, message: "You don't have access to the model with the specified model ID." };
    case 'ResourceNotFoundException':
      return { status: 404, message: 'The requested resource could not be found.' };
    case 'ThrottlingException':
      return { status: 429, message: 'Too many requests, please wait before trying again.' };
    case 'ServiceQuotaExceededException':
      return { status: 400, message: 'Your request exceeds the service quota for your account.' };
    case 'ModelTimeoutException':
      return { status: 408, message: 'Model has timed out in processing the request. Try your request again.' };
    case 'ModelNotReadyException':
      return { status: 429, message: 'Model is not ready to serve inference requests. Try your request again.' };
    case 'ModelErrorException':
      return { status: 424, message: 'The model returned an error while processing the request.' };
    case 'ServiceUnavailableException':
      return { status: 503, message: 'Bedrock is unable to process your request.' };
    case 'InternalServerException':
      return { status: 500, message: 'The system encountered an unexpected error during processing. Try your request again.' };
    default: {
      const unexpected: never = name;
      throw new Error(`unknown Bedrock error ${String(unexpected)}`);
    }
  }
}

/** The JSON payload of an in-stream exception frame (modelStreamErrorException also carries the model's status). */
export function streamExceptionPayload(name: BedrockStreamExceptionName, message: string | undefined): Record<string, unknown> {
  switch (name) {
    case 'modelStreamErrorException':
      return {
        message: message ?? 'The model stream failed while generating the response.',
        originalStatusCode: 500,
        originalMessage: 'Internal server error in the model.',
      };
    case 'internalServerException':
      return { message: message ?? bedrockErrorDefaults('InternalServerException').message };
    case 'validationException':
      return { message: message ?? bedrockErrorDefaults('ValidationException').message };
    case 'throttlingException':
      return { message: message ?? bedrockErrorDefaults('ThrottlingException').message };
    case 'serviceUnavailableException':
      return { message: message ?? bedrockErrorDefaults('ServiceUnavailableException').message };
    default: {
      const unexpected: never = name;
      throw new Error(`unknown stream exception ${String(unexpected)}`);
    }
  }
}

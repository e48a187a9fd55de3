import { ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import { acceptedBySchema } from './accepted-by-schema';
import { validationMessages } from './validation-messages';

export interface RequestValidationOptions {
  /**
   * Validate a request without a body (a kick without a reason) as `{}`, so that it passes when every
   * field is optional. By default it is refused like any body that is not a JSON object.
   */
  missingBodyIsEmpty?: boolean;
}

/**
 * Validates every request DTO: unknown properties are refused, query strings are converted, and a
 * 400 names each failing field, once (`message: ['name must be shorter than or equal to 32 characters']`).
 * A body that is not a JSON object (an array, null, a bare string) is refused as a whole. A body its
 * DTO's schema accepts (AcceptedBySchema) is taken without class-validator.
 */
export class RequestValidationPipe extends ValidationPipe {
  constructor(private readonly options: RequestValidationOptions = {}) {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: true,
      exceptionFactory: (errors) => new BadRequestException(validationMessages(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && value === undefined && this.options.missingBodyIsEmpty) value = {};
    if (metadata.type === 'body' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new BadRequestException(['request body must be a JSON object']);
    }
    if (metadata.type === 'body' && acceptedBySchema(metadata.metatype, value)) {
      return Object.assign(new (metadata.metatype as new () => object)(), value);
    }
    return super.transform(value, metadata);
  }
}

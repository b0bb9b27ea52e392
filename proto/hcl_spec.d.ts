import * as $protobuf from "protobufjs";
import Long = require("long");

/**
 * Properties of a CtyType.
 * @deprecated Use CtyType.$Properties instead.
 */
export interface ICtyType extends CtyType.$Properties {
}

/** Represents a CtyType. */
export class CtyType {

    /**
     * Constructs a new CtyType.
     * @param [properties] Properties to set
     */
    constructor(properties?: CtyType.$Properties);

    /** Unknown fields preserved while decoding when enabled */
    $unknowns?: Uint8Array[];

    /** CtyType primitive. */
    primitive?: (CtyPrimitive.$Properties|null);

    /** CtyType list. */
    list?: (CtyList.$Properties|null);

    /** CtyType map. */
    map?: (CtyMap.$Properties|null);

    /** CtyType typeDef. */
    typeDef?: ("primitive"|"list"|"map");

    /**
     * Creates a new CtyType instance using the specified properties.
     * @param [properties] Properties to set
     * @returns CtyType instance
     */
    static create(properties: CtyType.$Shape): CtyType & CtyType.$Shape;
    static create(properties?: CtyType.$Properties): CtyType;

    /**
     * Encodes the specified CtyType message. Does not implicitly {@link CtyType.verify|verify} messages.
     * @param message CtyType message or plain object to encode
     * @param [writer] Writer to encode to
     * @returns Writer
     */
    static encode(message: CtyType.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

    /**
     * Encodes the specified CtyType message, length delimited. Does not implicitly {@link CtyType.verify|verify} messages.
     * @param message CtyType message or plain object to encode
     * @param [writer] Writer to encode to
     * @returns Writer
     */
    static encodeDelimited(message: CtyType.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

    /**
     * Decodes a CtyType message from the specified reader or buffer.
     * @param reader Reader or buffer to decode from
     * @param [length] Message length if known beforehand
     * @returns {CtyType & CtyType.$Shape} CtyType
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): CtyType & CtyType.$Shape;

    /**
     * Decodes a CtyType message from the specified reader or buffer, length delimited.
     * @param reader Reader or buffer to decode from
     * @returns {CtyType & CtyType.$Shape} CtyType
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): CtyType & CtyType.$Shape;

    /**
     * Verifies a CtyType message.
     * @param message Plain object to verify
     * @returns `null` if valid, otherwise the reason why it is not
     */
    static verify(message: { [k: string]: any }): (string|null);

    /**
     * Creates a CtyType message from a plain object. Also converts values to their respective internal types.
     * @param object Plain object
     * @returns CtyType
     */
    static fromObject(object: { [k: string]: any }): CtyType;

    /**
     * Creates a plain object from a CtyType message. Also converts values to other types if specified.
     * @param message CtyType
     * @param [options] Conversion options
     * @returns Plain object
     */
    static toObject(message: CtyType, options?: $protobuf.IConversionOptions): { [k: string]: any };

    /**
     * Converts this CtyType to JSON.
     * @returns JSON object
     */
    toJSON(): { [k: string]: any };

    /**
     * Gets the type url for CtyType
     * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns The type url
     */
    static getTypeUrl(prefix?: string): string;
}

export namespace CtyType {

    /** Properties of a CtyType. */
    interface $Properties {

        /** CtyType primitive */
        primitive?: (CtyPrimitive.$Properties|null);

        /** CtyType list */
        list?: (CtyList.$Properties|null);

        /** CtyType map */
        map?: (CtyMap.$Properties|null);

        /** CtyType typeDef */
        typeDef?: ("primitive"|"list"|"map");

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
    }

    /** Narrowed shape of a CtyType. */
    type $Shape = {
      primitive?: CtyPrimitive.$Shape|null;
      list?: CtyList.$Shape|null;
      map?: CtyMap.$Shape|null;
      $unknowns?: Uint8Array[];
    } & (
      ({ typeDef?: undefined; primitive?: null; list?: null; map?: null }|{ typeDef?: "primitive"; primitive: CtyPrimitive.$Shape; list?: null; map?: null }|{ typeDef?: "list"; primitive?: null; list: CtyList.$Shape; map?: null }|{ typeDef?: "map"; primitive?: null; list?: null; map: CtyMap.$Shape })
    );
}

/**
 * Properties of a CtyPrimitive.
 * @deprecated Use CtyPrimitive.$Properties instead.
 */
export interface ICtyPrimitive extends CtyPrimitive.$Properties {
}

/** Represents a CtyPrimitive. */
export class CtyPrimitive {

    /**
     * Constructs a new CtyPrimitive.
     * @param [properties] Properties to set
     */
    constructor(properties?: CtyPrimitive.$Properties);

    /** Unknown fields preserved while decoding when enabled */
    $unknowns?: Uint8Array[];

    /** CtyPrimitive typeString. */
    typeString: string;

    /**
     * Creates a new CtyPrimitive instance using the specified properties.
     * @param [properties] Properties to set
     * @returns CtyPrimitive instance
     */
    static create(properties: CtyPrimitive.$Shape): CtyPrimitive & CtyPrimitive.$Shape;
    static create(properties?: CtyPrimitive.$Properties): CtyPrimitive;

    /**
     * Encodes the specified CtyPrimitive message. Does not implicitly {@link CtyPrimitive.verify|verify} messages.
     * @param message CtyPrimitive message or plain object to encode
     * @param [writer] Writer to encode to
     * @returns Writer
     */
    static encode(message: CtyPrimitive.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

    /**
     * Encodes the specified CtyPrimitive message, length delimited. Does not implicitly {@link CtyPrimitive.verify|verify} messages.
     * @param message CtyPrimitive message or plain object to encode
     * @param [writer] Writer to encode to
     * @returns Writer
     */
    static encodeDelimited(message: CtyPrimitive.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

    /**
     * Decodes a CtyPrimitive message from the specified reader or buffer.
     * @param reader Reader or buffer to decode from
     * @param [length] Message length if known beforehand
     * @returns {CtyPrimitive & CtyPrimitive.$Shape} CtyPrimitive
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): CtyPrimitive & CtyPrimitive.$Shape;

    /**
     * Decodes a CtyPrimitive message from the specified reader or buffer, length delimited.
     * @param reader Reader or buffer to decode from
     * @returns {CtyPrimitive & CtyPrimitive.$Shape} CtyPrimitive
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): CtyPrimitive & CtyPrimitive.$Shape;

    /**
     * Verifies a CtyPrimitive message.
     * @param message Plain object to verify
     * @returns `null` if valid, otherwise the reason why it is not
     */
    static verify(message: { [k: string]: any }): (string|null);

    /**
     * Creates a CtyPrimitive message from a plain object. Also converts values to their respective internal types.
     * @param object Plain object
     * @returns CtyPrimitive
     */
    static fromObject(object: { [k: string]: any }): CtyPrimitive;

    /**
     * Creates a plain object from a CtyPrimitive message. Also converts values to other types if specified.
     * @param message CtyPrimitive
     * @param [options] Conversion options
     * @returns Plain object
     */
    static toObject(message: CtyPrimitive, options?: $protobuf.IConversionOptions): { [k: string]: any };

    /**
     * Converts this CtyPrimitive to JSON.
     * @returns JSON object
     */
    toJSON(): { [k: string]: any };

    /**
     * Gets the type url for CtyPrimitive
     * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns The type url
     */
    static getTypeUrl(prefix?: string): string;
}

export namespace CtyPrimitive {

    /** Properties of a CtyPrimitive. */
    interface $Properties {

        /** CtyPrimitive typeString */
        typeString?: (string|null);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
    }

    /** Shape of a CtyPrimitive. */
    type $Shape = CtyPrimitive.$Properties;
}

/**
 * Properties of a CtyList.
 * @deprecated Use CtyList.$Properties instead.
 */
export interface ICtyList extends CtyList.$Properties {
}

/** Represents a CtyList. */
export class CtyList {

    /**
     * Constructs a new CtyList.
     * @param [properties] Properties to set
     */
    constructor(properties?: CtyList.$Properties);

    /** Unknown fields preserved while decoding when enabled */
    $unknowns?: Uint8Array[];

    /** CtyList elementType. */
    elementType?: (CtyType.$Properties|null);

    /**
     * Creates a new CtyList instance using the specified properties.
     * @param [properties] Properties to set
     * @returns CtyList instance
     */
    static create(properties: CtyList.$Shape): CtyList & CtyList.$Shape;
    static create(properties?: CtyList.$Properties): CtyList;

    /**
     * Encodes the specified CtyList message. Does not implicitly {@link CtyList.verify|verify} messages.
     * @param message CtyList message or plain object to encode
     * @param [writer] Writer to encode to
     * @returns Writer
     */
    static encode(message: CtyList.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

    /**
     * Encodes the specified CtyList message, length delimited. Does not implicitly {@link CtyList.verify|verify} messages.
     * @param message CtyList message or plain object to encode
     * @param [writer] Writer to encode to
     * @returns Writer
     */
    static encodeDelimited(message: CtyList.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

    /**
     * Decodes a CtyList message from the specified reader or buffer.
     * @param reader Reader or buffer to decode from
     * @param [length] Message length if known beforehand
     * @returns {CtyList & CtyList.$Shape} CtyList
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): CtyList & CtyList.$Shape;

    /**
     * Decodes a CtyList message from the specified reader or buffer, length delimited.
     * @param reader Reader or buffer to decode from
     * @returns {CtyList & CtyList.$Shape} CtyList
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): CtyList & CtyList.$Shape;

    /**
     * Verifies a CtyList message.
     * @param message Plain object to verify
     * @returns `null` if valid, otherwise the reason why it is not
     */
    static verify(message: { [k: string]: any }): (string|null);

    /**
     * Creates a CtyList message from a plain object. Also converts values to their respective internal types.
     * @param object Plain object
     * @returns CtyList
     */
    static fromObject(object: { [k: string]: any }): CtyList;

    /**
     * Creates a plain object from a CtyList message. Also converts values to other types if specified.
     * @param message CtyList
     * @param [options] Conversion options
     * @returns Plain object
     */
    static toObject(message: CtyList, options?: $protobuf.IConversionOptions): { [k: string]: any };

    /**
     * Converts this CtyList to JSON.
     * @returns JSON object
     */
    toJSON(): { [k: string]: any };

    /**
     * Gets the type url for CtyList
     * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns The type url
     */
    static getTypeUrl(prefix?: string): string;
}

export namespace CtyList {

    /** Properties of a CtyList. */
    interface $Properties {

        /** CtyList elementType */
        elementType?: (CtyType.$Properties|null);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
    }

    /** Shape of a CtyList. */
    type $Shape = {
      elementType?: CtyType.$Shape|null;
      $unknowns?: Uint8Array[];
    };
}

/**
 * Properties of a CtyMap.
 * @deprecated Use CtyMap.$Properties instead.
 */
export interface ICtyMap extends CtyMap.$Properties {
}

/** Represents a CtyMap. */
export class CtyMap {

    /**
     * Constructs a new CtyMap.
     * @param [properties] Properties to set
     */
    constructor(properties?: CtyMap.$Properties);

    /** Unknown fields preserved while decoding when enabled */
    $unknowns?: Uint8Array[];

    /** CtyMap elementType. */
    elementType?: (CtyType.$Properties|null);

    /**
     * Creates a new CtyMap instance using the specified properties.
     * @param [properties] Properties to set
     * @returns CtyMap instance
     */
    static create(properties: CtyMap.$Shape): CtyMap & CtyMap.$Shape;
    static create(properties?: CtyMap.$Properties): CtyMap;

    /**
     * Encodes the specified CtyMap message. Does not implicitly {@link CtyMap.verify|verify} messages.
     * @param message CtyMap message or plain object to encode
     * @param [writer] Writer to encode to
     * @returns Writer
     */
    static encode(message: CtyMap.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

    /**
     * Encodes the specified CtyMap message, length delimited. Does not implicitly {@link CtyMap.verify|verify} messages.
     * @param message CtyMap message or plain object to encode
     * @param [writer] Writer to encode to
     * @returns Writer
     */
    static encodeDelimited(message: CtyMap.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

    /**
     * Decodes a CtyMap message from the specified reader or buffer.
     * @param reader Reader or buffer to decode from
     * @param [length] Message length if known beforehand
     * @returns {CtyMap & CtyMap.$Shape} CtyMap
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): CtyMap & CtyMap.$Shape;

    /**
     * Decodes a CtyMap message from the specified reader or buffer, length delimited.
     * @param reader Reader or buffer to decode from
     * @returns {CtyMap & CtyMap.$Shape} CtyMap
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): CtyMap & CtyMap.$Shape;

    /**
     * Verifies a CtyMap message.
     * @param message Plain object to verify
     * @returns `null` if valid, otherwise the reason why it is not
     */
    static verify(message: { [k: string]: any }): (string|null);

    /**
     * Creates a CtyMap message from a plain object. Also converts values to their respective internal types.
     * @param object Plain object
     * @returns CtyMap
     */
    static fromObject(object: { [k: string]: any }): CtyMap;

    /**
     * Creates a plain object from a CtyMap message. Also converts values to other types if specified.
     * @param message CtyMap
     * @param [options] Conversion options
     * @returns Plain object
     */
    static toObject(message: CtyMap, options?: $protobuf.IConversionOptions): { [k: string]: any };

    /**
     * Converts this CtyMap to JSON.
     * @returns JSON object
     */
    toJSON(): { [k: string]: any };

    /**
     * Gets the type url for CtyMap
     * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns The type url
     */
    static getTypeUrl(prefix?: string): string;
}

export namespace CtyMap {

    /** Properties of a CtyMap. */
    interface $Properties {

        /** CtyMap elementType */
        elementType?: (CtyType.$Properties|null);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
    }

    /** Shape of a CtyMap. */
    type $Shape = {
      elementType?: CtyType.$Shape|null;
      $unknowns?: Uint8Array[];
    };
}

/**
 * Properties of a HCL2Spec.
 * @deprecated Use HCL2Spec.$Properties instead.
 */
export interface IHCL2Spec extends HCL2Spec.$Properties {
}

/** Represents a HCL2Spec. */
export class HCL2Spec {

    /**
     * Constructs a new HCL2Spec.
     * @param [properties] Properties to set
     */
    constructor(properties?: HCL2Spec.$Properties);

    /** Unknown fields preserved while decoding when enabled */
    $unknowns?: Uint8Array[];

    /** HCL2Spec TypeSpec. */
    TypeSpec: { [k: string]: Spec.$Properties };

    /**
     * Creates a new HCL2Spec instance using the specified properties.
     * @param [properties] Properties to set
     * @returns HCL2Spec instance
     */
    static create(properties: HCL2Spec.$Shape): HCL2Spec & HCL2Spec.$Shape;
    static create(properties?: HCL2Spec.$Properties): HCL2Spec;

    /**
     * Encodes the specified HCL2Spec message. Does not implicitly {@link HCL2Spec.verify|verify} messages.
     * @param message HCL2Spec message or plain object to encode
     * @param [writer] Writer to encode to
     * @returns Writer
     */
    static encode(message: HCL2Spec.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

    /**
     * Encodes the specified HCL2Spec message, length delimited. Does not implicitly {@link HCL2Spec.verify|verify} messages.
     * @param message HCL2Spec message or plain object to encode
     * @param [writer] Writer to encode to
     * @returns Writer
     */
    static encodeDelimited(message: HCL2Spec.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

    /**
     * Decodes a HCL2Spec message from the specified reader or buffer.
     * @param reader Reader or buffer to decode from
     * @param [length] Message length if known beforehand
     * @returns {HCL2Spec & HCL2Spec.$Shape} HCL2Spec
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): HCL2Spec & HCL2Spec.$Shape;

    /**
     * Decodes a HCL2Spec message from the specified reader or buffer, length delimited.
     * @param reader Reader or buffer to decode from
     * @returns {HCL2Spec & HCL2Spec.$Shape} HCL2Spec
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): HCL2Spec & HCL2Spec.$Shape;

    /**
     * Verifies a HCL2Spec message.
     * @param message Plain object to verify
     * @returns `null` if valid, otherwise the reason why it is not
     */
    static verify(message: { [k: string]: any }): (string|null);

    /**
     * Creates a HCL2Spec message from a plain object. Also converts values to their respective internal types.
     * @param object Plain object
     * @returns HCL2Spec
     */
    static fromObject(object: { [k: string]: any }): HCL2Spec;

    /**
     * Creates a plain object from a HCL2Spec message. Also converts values to other types if specified.
     * @param message HCL2Spec
     * @param [options] Conversion options
     * @returns Plain object
     */
    static toObject(message: HCL2Spec, options?: $protobuf.IConversionOptions): { [k: string]: any };

    /**
     * Converts this HCL2Spec to JSON.
     * @returns JSON object
     */
    toJSON(): { [k: string]: any };

    /**
     * Gets the type url for HCL2Spec
     * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns The type url
     */
    static getTypeUrl(prefix?: string): string;
}

export namespace HCL2Spec {

    /** Properties of a HCL2Spec. */
    interface $Properties {

        /** HCL2Spec TypeSpec */
        TypeSpec?: ({ [k: string]: Spec.$Properties }|null);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
    }

    /** Shape of a HCL2Spec. */
    type $Shape = {
      TypeSpec?: { [k: string]: Spec.$Shape }|null;
      $unknowns?: Uint8Array[];
    };
}

/**
 * Properties of a Spec.
 * @deprecated Use Spec.$Properties instead.
 */
export interface ISpec extends Spec.$Properties {
}

/** Represents a Spec. */
export class Spec {

    /**
     * Constructs a new Spec.
     * @param [properties] Properties to set
     */
    constructor(properties?: Spec.$Properties);

    /** Unknown fields preserved while decoding when enabled */
    $unknowns?: Uint8Array[];

    /** Spec object. */
    object?: (Object.$Properties|null);

    /** Spec attr. */
    attr?: (Attr.$Properties|null);

    /** Spec blockValue. */
    blockValue?: (Block.$Properties|null);

    /** Spec blockList. */
    blockList?: (BlockList.$Properties|null);

    /** Spec block. */
    block?: ("object"|"attr"|"blockValue"|"blockList");

    /**
     * Creates a new Spec instance using the specified properties.
     * @param [properties] Properties to set
     * @returns Spec instance
     */
    static create(properties: Spec.$Shape): Spec & Spec.$Shape;
    static create(properties?: Spec.$Properties): Spec;

    /**
     * Encodes the specified Spec message. Does not implicitly {@link Spec.verify|verify} messages.
     * @param message Spec message or plain object to encode
     * @param [writer] Writer to encode to
     * @returns Writer
     */
    static encode(message: Spec.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

    /**
     * Encodes the specified Spec message, length delimited. Does not implicitly {@link Spec.verify|verify} messages.
     * @param message Spec message or plain object to encode
     * @param [writer] Writer to encode to
     * @returns Writer
     */
    static encodeDelimited(message: Spec.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

    /**
     * Decodes a Spec message from the specified reader or buffer.
     * @param reader Reader or buffer to decode from
     * @param [length] Message length if known beforehand
     * @returns {Spec & Spec.$Shape} Spec
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): Spec & Spec.$Shape;

    /**
     * Decodes a Spec message from the specified reader or buffer, length delimited.
     * @param reader Reader or buffer to decode from
     * @returns {Spec & Spec.$Shape} Spec
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): Spec & Spec.$Shape;

    /**
     * Verifies a Spec message.
     * @param message Plain object to verify
     * @returns `null` if valid, otherwise the reason why it is not
     */
    static verify(message: { [k: string]: any }): (string|null);

    /**
     * Creates a Spec message from a plain object. Also converts values to their respective internal types.
     * @param object Plain object
     * @returns Spec
     */
    static fromObject(object: { [k: string]: any }): Spec;

    /**
     * Creates a plain object from a Spec message. Also converts values to other types if specified.
     * @param message Spec
     * @param [options] Conversion options
     * @returns Plain object
     */
    static toObject(message: Spec, options?: $protobuf.IConversionOptions): { [k: string]: any };

    /**
     * Converts this Spec to JSON.
     * @returns JSON object
     */
    toJSON(): { [k: string]: any };

    /**
     * Gets the type url for Spec
     * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns The type url
     */
    static getTypeUrl(prefix?: string): string;
}

export namespace Spec {

    /** Properties of a Spec. */
    interface $Properties {

        /** Spec object */
        object?: (Object.$Properties|null);

        /** Spec attr */
        attr?: (Attr.$Properties|null);

        /** Spec blockValue */
        blockValue?: (Block.$Properties|null);

        /** Spec blockList */
        blockList?: (BlockList.$Properties|null);

        /** Spec block */
        block?: ("object"|"attr"|"blockValue"|"blockList");

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
    }

    /** Narrowed shape of a Spec. */
    type $Shape = {
      object?: Object.$Shape|null;
      attr?: Attr.$Shape|null;
      blockValue?: Block.$Shape|null;
      blockList?: BlockList.$Shape|null;
      $unknowns?: Uint8Array[];
    } & (
      ({ block?: undefined; object?: null; attr?: null; blockValue?: null; blockList?: null }|{ block?: "object"; object: Object.$Shape; attr?: null; blockValue?: null; blockList?: null }|{ block?: "attr"; object?: null; attr: Attr.$Shape; blockValue?: null; blockList?: null }|{ block?: "blockValue"; object?: null; attr?: null; blockValue: Block.$Shape; blockList?: null }|{ block?: "blockList"; object?: null; attr?: null; blockValue?: null; blockList: BlockList.$Shape })
    );
}

/**
 * Properties of an Attr.
 * @deprecated Use Attr.$Properties instead.
 */
export interface IAttr extends Attr.$Properties {
}

/** Represents an Attr. */
export class Attr {

    /**
     * Constructs a new Attr.
     * @param [properties] Properties to set
     */
    constructor(properties?: Attr.$Properties);

    /** Unknown fields preserved while decoding when enabled */
    $unknowns?: Uint8Array[];

    /** Attr name. */
    name: string;

    /** Attr type. */
    type?: (CtyType.$Properties|null);

    /** Attr required. */
    required: boolean;

    /**
     * Creates a new Attr instance using the specified properties.
     * @param [properties] Properties to set
     * @returns Attr instance
     */
    static create(properties: Attr.$Shape): Attr & Attr.$Shape;
    static create(properties?: Attr.$Properties): Attr;

    /**
     * Encodes the specified Attr message. Does not implicitly {@link Attr.verify|verify} messages.
     * @param message Attr message or plain object to encode
     * @param [writer] Writer to encode to
     * @returns Writer
     */
    static encode(message: Attr.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

    /**
     * Encodes the specified Attr message, length delimited. Does not implicitly {@link Attr.verify|verify} messages.
     * @param message Attr message or plain object to encode
     * @param [writer] Writer to encode to
     * @returns Writer
     */
    static encodeDelimited(message: Attr.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

    /**
     * Decodes an Attr message from the specified reader or buffer.
     * @param reader Reader or buffer to decode from
     * @param [length] Message length if known beforehand
     * @returns {Attr & Attr.$Shape} Attr
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): Attr & Attr.$Shape;

    /**
     * Decodes an Attr message from the specified reader or buffer, length delimited.
     * @param reader Reader or buffer to decode from
     * @returns {Attr & Attr.$Shape} Attr
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): Attr & Attr.$Shape;

    /**
     * Verifies an Attr message.
     * @param message Plain object to verify
     * @returns `null` if valid, otherwise the reason why it is not
     */
    static verify(message: { [k: string]: any }): (string|null);

    /**
     * Creates an Attr message from a plain object. Also converts values to their respective internal types.
     * @param object Plain object
     * @returns Attr
     */
    static fromObject(object: { [k: string]: any }): Attr;

    /**
     * Creates a plain object from an Attr message. Also converts values to other types if specified.
     * @param message Attr
     * @param [options] Conversion options
     * @returns Plain object
     */
    static toObject(message: Attr, options?: $protobuf.IConversionOptions): { [k: string]: any };

    /**
     * Converts this Attr to JSON.
     * @returns JSON object
     */
    toJSON(): { [k: string]: any };

    /**
     * Gets the type url for Attr
     * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns The type url
     */
    static getTypeUrl(prefix?: string): string;
}

export namespace Attr {

    /** Properties of an Attr. */
    interface $Properties {

        /** Attr name */
        name?: (string|null);

        /** Attr type */
        type?: (CtyType.$Properties|null);

        /** Attr required */
        required?: (boolean|null);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
    }

    /** Shape of an Attr. */
    type $Shape = {
      name?: string|null;
      type?: CtyType.$Shape|null;
      required?: boolean|null;
      $unknowns?: Uint8Array[];
    };
}

/**
 * Properties of a Block.
 * @deprecated Use Block.$Properties instead.
 */
export interface IBlock extends Block.$Properties {
}

/** Represents a Block. */
export class Block {

    /**
     * Constructs a new Block.
     * @param [properties] Properties to set
     */
    constructor(properties?: Block.$Properties);

    /** Unknown fields preserved while decoding when enabled */
    $unknowns?: Uint8Array[];

    /** Block name. */
    name: string;

    /** Block required. */
    required: boolean;

    /** Block nested. */
    nested?: (Spec.$Properties|null);

    /**
     * Creates a new Block instance using the specified properties.
     * @param [properties] Properties to set
     * @returns Block instance
     */
    static create(properties: Block.$Shape): Block & Block.$Shape;
    static create(properties?: Block.$Properties): Block;

    /**
     * Encodes the specified Block message. Does not implicitly {@link Block.verify|verify} messages.
     * @param message Block message or plain object to encode
     * @param [writer] Writer to encode to
     * @returns Writer
     */
    static encode(message: Block.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

    /**
     * Encodes the specified Block message, length delimited. Does not implicitly {@link Block.verify|verify} messages.
     * @param message Block message or plain object to encode
     * @param [writer] Writer to encode to
     * @returns Writer
     */
    static encodeDelimited(message: Block.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

    /**
     * Decodes a Block message from the specified reader or buffer.
     * @param reader Reader or buffer to decode from
     * @param [length] Message length if known beforehand
     * @returns {Block & Block.$Shape} Block
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): Block & Block.$Shape;

    /**
     * Decodes a Block message from the specified reader or buffer, length delimited.
     * @param reader Reader or buffer to decode from
     * @returns {Block & Block.$Shape} Block
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): Block & Block.$Shape;

    /**
     * Verifies a Block message.
     * @param message Plain object to verify
     * @returns `null` if valid, otherwise the reason why it is not
     */
    static verify(message: { [k: string]: any }): (string|null);

    /**
     * Creates a Block message from a plain object. Also converts values to their respective internal types.
     * @param object Plain object
     * @returns Block
     */
    static fromObject(object: { [k: string]: any }): Block;

    /**
     * Creates a plain object from a Block message. Also converts values to other types if specified.
     * @param message Block
     * @param [options] Conversion options
     * @returns Plain object
     */
    static toObject(message: Block, options?: $protobuf.IConversionOptions): { [k: string]: any };

    /**
     * Converts this Block to JSON.
     * @returns JSON object
     */
    toJSON(): { [k: string]: any };

    /**
     * Gets the type url for Block
     * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns The type url
     */
    static getTypeUrl(prefix?: string): string;
}

export namespace Block {

    /** Properties of a Block. */
    interface $Properties {

        /** Block name */
        name?: (string|null);

        /** Block required */
        required?: (boolean|null);

        /** Block nested */
        nested?: (Spec.$Properties|null);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
    }

    /** Shape of a Block. */
    type $Shape = {
      name?: string|null;
      required?: boolean|null;
      nested?: Spec.$Shape|null;
      $unknowns?: Uint8Array[];
    };
}

/**
 * Properties of a BlockList.
 * @deprecated Use BlockList.$Properties instead.
 */
export interface IBlockList extends BlockList.$Properties {
}

/** Represents a BlockList. */
export class BlockList {

    /**
     * Constructs a new BlockList.
     * @param [properties] Properties to set
     */
    constructor(properties?: BlockList.$Properties);

    /** Unknown fields preserved while decoding when enabled */
    $unknowns?: Uint8Array[];

    /** BlockList name. */
    name: string;

    /** BlockList nested. */
    nested?: (Spec.$Properties|null);

    /**
     * Creates a new BlockList instance using the specified properties.
     * @param [properties] Properties to set
     * @returns BlockList instance
     */
    static create(properties: BlockList.$Shape): BlockList & BlockList.$Shape;
    static create(properties?: BlockList.$Properties): BlockList;

    /**
     * Encodes the specified BlockList message. Does not implicitly {@link BlockList.verify|verify} messages.
     * @param message BlockList message or plain object to encode
     * @param [writer] Writer to encode to
     * @returns Writer
     */
    static encode(message: BlockList.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

    /**
     * Encodes the specified BlockList message, length delimited. Does not implicitly {@link BlockList.verify|verify} messages.
     * @param message BlockList message or plain object to encode
     * @param [writer] Writer to encode to
     * @returns Writer
     */
    static encodeDelimited(message: BlockList.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

    /**
     * Decodes a BlockList message from the specified reader or buffer.
     * @param reader Reader or buffer to decode from
     * @param [length] Message length if known beforehand
     * @returns {BlockList & BlockList.$Shape} BlockList
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): BlockList & BlockList.$Shape;

    /**
     * Decodes a BlockList message from the specified reader or buffer, length delimited.
     * @param reader Reader or buffer to decode from
     * @returns {BlockList & BlockList.$Shape} BlockList
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): BlockList & BlockList.$Shape;

    /**
     * Verifies a BlockList message.
     * @param message Plain object to verify
     * @returns `null` if valid, otherwise the reason why it is not
     */
    static verify(message: { [k: string]: any }): (string|null);

    /**
     * Creates a BlockList message from a plain object. Also converts values to their respective internal types.
     * @param object Plain object
     * @returns BlockList
     */
    static fromObject(object: { [k: string]: any }): BlockList;

    /**
     * Creates a plain object from a BlockList message. Also converts values to other types if specified.
     * @param message BlockList
     * @param [options] Conversion options
     * @returns Plain object
     */
    static toObject(message: BlockList, options?: $protobuf.IConversionOptions): { [k: string]: any };

    /**
     * Converts this BlockList to JSON.
     * @returns JSON object
     */
    toJSON(): { [k: string]: any };

    /**
     * Gets the type url for BlockList
     * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns The type url
     */
    static getTypeUrl(prefix?: string): string;
}

export namespace BlockList {

    /** Properties of a BlockList. */
    interface $Properties {

        /** BlockList name */
        name?: (string|null);

        /** BlockList nested */
        nested?: (Spec.$Properties|null);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
    }

    /** Shape of a BlockList. */
    type $Shape = {
      name?: string|null;
      nested?: Spec.$Shape|null;
      $unknowns?: Uint8Array[];
    };
}

/**
 * Properties of an Object.
 * @deprecated Use Object.$Properties instead.
 */
export interface IObject extends Object.$Properties {
}

/** Represents an Object. */
export class Object {

    /**
     * Constructs a new Object.
     * @param [properties] Properties to set
     */
    constructor(properties?: Object.$Properties);

    /** Unknown fields preserved while decoding when enabled */
    $unknowns?: Uint8Array[];

    /** Object attributes. */
    attributes: { [k: string]: Spec.$Properties };

    /**
     * Creates a new Object instance using the specified properties.
     * @param [properties] Properties to set
     * @returns Object instance
     */
    static create(properties: Object.$Shape): Object & Object.$Shape;
    static create(properties?: Object.$Properties): Object;

    /**
     * Encodes the specified Object message. Does not implicitly {@link Object.verify|verify} messages.
     * @param message Object message or plain object to encode
     * @param [writer] Writer to encode to
     * @returns Writer
     */
    static encode(message: Object.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

    /**
     * Encodes the specified Object message, length delimited. Does not implicitly {@link Object.verify|verify} messages.
     * @param message Object message or plain object to encode
     * @param [writer] Writer to encode to
     * @returns Writer
     */
    static encodeDelimited(message: Object.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

    /**
     * Decodes an Object message from the specified reader or buffer.
     * @param reader Reader or buffer to decode from
     * @param [length] Message length if known beforehand
     * @returns {Object & Object.$Shape} Object
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): object & Object.$Shape;

    /**
     * Decodes an Object message from the specified reader or buffer, length delimited.
     * @param reader Reader or buffer to decode from
     * @returns {Object & Object.$Shape} Object
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): object & Object.$Shape;

    /**
     * Verifies an Object message.
     * @param message Plain object to verify
     * @returns `null` if valid, otherwise the reason why it is not
     */
    static verify(message: { [k: string]: any }): (string|null);

    /**
     * Creates an Object message from a plain object. Also converts values to their respective internal types.
     * @param object Plain object
     * @returns Object
     */
    static fromObject(object: { [k: string]: any }): object;

    /**
     * Creates a plain object from an Object message. Also converts values to other types if specified.
     * @param message Object
     * @param [options] Conversion options
     * @returns Plain object
     */
    static toObject(message: object, options?: $protobuf.IConversionOptions): { [k: string]: any };

    /**
     * Converts this Object to JSON.
     * @returns JSON object
     */
    toJSON(): { [k: string]: any };

    /**
     * Gets the type url for Object
     * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns The type url
     */
    static getTypeUrl(prefix?: string): string;
}

export namespace Object {

    /** Properties of an Object. */
    interface $Properties {

        /** Object attributes */
        attributes?: ({ [k: string]: Spec.$Properties }|null);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
    }

    /** Shape of an Object. */
    type $Shape = {
      attributes?: { [k: string]: Spec.$Shape }|null;
      $unknowns?: Uint8Array[];
    };
}

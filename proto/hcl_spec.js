/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $String = $util.global.String, $Boolean = $util.global.Boolean;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const CtyType = $root.CtyType = (() => {

    /**
     * Properties of a CtyType.
     * @typedef {Object} CtyType.$Properties
     * @property {CtyPrimitive.$Properties|null} [primitive] CtyType primitive
     * @property {CtyList.$Properties|null} [list] CtyType list
     * @property {CtyMap.$Properties|null} [map] CtyType map
     * @property {"primitive"|"list"|"map"} [typeDef] CtyType typeDef
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a CtyType.
     * @exports ICtyType
     * @interface ICtyType
     * @augments CtyType.$Properties
     * @deprecated Use CtyType.$Properties instead.
     */

    /**
     * Narrowed shape of a CtyType.
     * @typedef {{
     *   primitive?: CtyPrimitive.$Shape|null;
     *   list?: CtyList.$Shape|null;
     *   map?: CtyMap.$Shape|null;
     *   $unknowns?: Array.<Uint8Array>;
     * } & (
     *   ({ typeDef?: undefined; primitive?: null; list?: null; map?: null }|{ typeDef?: "primitive"; primitive: CtyPrimitive.$Shape; list?: null; map?: null }|{ typeDef?: "list"; primitive?: null; list: CtyList.$Shape; map?: null }|{ typeDef?: "map"; primitive?: null; list?: null; map: CtyMap.$Shape })
     * )} CtyType.$Shape
     */

    /**
     * Constructs a new CtyType.
     * @exports CtyType
     * @classdesc Represents a CtyType.
     * @constructor
     * @param {CtyType.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const CtyType = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * CtyType primitive.
     * @member {CtyPrimitive.$Properties|null|undefined} primitive
     * @memberof CtyType
     * @instance
     */
    CtyType.prototype.primitive = null;

    /**
     * CtyType list.
     * @member {CtyList.$Properties|null|undefined} list
     * @memberof CtyType
     * @instance
     */
    CtyType.prototype.list = null;

    /**
     * CtyType map.
     * @member {CtyMap.$Properties|null|undefined} map
     * @memberof CtyType
     * @instance
     */
    CtyType.prototype.map = null;

    // OneOf field names bound to virtual getters and setters
    let $oneOfFields;

    /**
     * CtyType typeDef.
     * @member {"primitive"|"list"|"map"|undefined} typeDef
     * @memberof CtyType
     * @instance
     */
    $Object.defineProperty(CtyType.prototype, "typeDef", {
        get: $util.oneOfGetter($oneOfFields = ["primitive", "list", "map"]),
        set: $util.oneOfSetter($oneOfFields)
    });

    /**
     * Creates a new CtyType instance using the specified properties.
     * @function create
     * @memberof CtyType
     * @static
     * @param {CtyType.$Properties=} [properties] Properties to set
     * @returns {CtyType} CtyType instance
     * @type {{
     *   (properties: CtyType.$Shape): CtyType & CtyType.$Shape;
     *   (properties?: CtyType.$Properties): CtyType;
     * }}
     */
    CtyType.create = function(properties) {
        return new CtyType(properties);
    };

    /**
     * Encodes the specified CtyType message. Does not implicitly {@link CtyType.verify|verify} messages.
     * @function encode
     * @memberof CtyType
     * @static
     * @param {CtyType.$Properties} message CtyType message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    CtyType.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        if (message.primitive != null && $Object.hasOwnProperty.call(message, "primitive"))
            $root.CtyPrimitive.encode(message.primitive, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
        if (message.list != null && $Object.hasOwnProperty.call(message, "list"))
            $root.CtyList.encode(message.list, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
        if (message.map != null && $Object.hasOwnProperty.call(message, "map"))
            $root.CtyMap.encode(message.map, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Encodes the specified CtyType message, length delimited. Does not implicitly {@link CtyType.verify|verify} messages.
     * @function encodeDelimited
     * @memberof CtyType
     * @static
     * @param {CtyType.$Properties} message CtyType message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    CtyType.encodeDelimited = function(message, writer) {
        return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
    };

    /**
     * Decodes a CtyType message from the specified reader or buffer.
     * @function decode
     * @memberof CtyType
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {CtyType & CtyType.$Shape} CtyType
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    CtyType.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $Reader.recursionLimit)
            throw $Error("max depth exceeded");
        let end, message;
        if (length === $undefined)
            end = reader.len;
        else {
            end = reader.pos + length;
            if (end > reader.len)
                throw $RangeError("index out of range");
            length = reader.len;
            reader.len = end;
        }
        message = _target || new $root.CtyType();
        while (reader.pos < end) {
            let start = reader.pos;
            let tag = reader.tag();
            if (tag === _end) {
                _end = $undefined;
                break;
            }
            let wireType = tag & 7;
            switch (tag >>>= 3) {
            case 1: {
                    if (wireType !== 2)
                        break;
                    message.primitive = $root.CtyPrimitive.decode(reader, reader.size(), $undefined, _depth + 1, message.primitive);
                    message.typeDef = "primitive";
                    continue;
                }
            case 2: {
                    if (wireType !== 2)
                        break;
                    message.list = $root.CtyList.decode(reader, reader.size(), $undefined, _depth + 1, message.list);
                    message.typeDef = "list";
                    continue;
                }
            case 3: {
                    if (wireType !== 2)
                        break;
                    message.map = $root.CtyMap.decode(reader, reader.size(), $undefined, _depth + 1, message.map);
                    message.typeDef = "map";
                    continue;
                }
            }
            reader.skipType(wireType, _depth, tag);
            if (!reader.discardUnknown) {
                $util.makeProp(message, "$unknowns", false);
                (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
            }
        }
        if (length !== $undefined) {
            if (reader.pos !== end)
                throw $RangeError("index out of range");
            reader.len = length;
        }
        if (_end !== $undefined)
            throw $Error("missing end group");
        return message;
    };

    /**
     * Decodes a CtyType message from the specified reader or buffer, length delimited.
     * @function decodeDelimited
     * @memberof CtyType
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @returns {CtyType & CtyType.$Shape} CtyType
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    CtyType.decodeDelimited = function(reader) {
        if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
        return this.decode(reader, reader.size());
    };

    /**
     * Verifies a CtyType message.
     * @function verify
     * @memberof CtyType
     * @static
     * @param {Object.<string,*>} message Plain object to verify
     * @returns {string|null} `null` if valid, otherwise the reason why it is not
     */
    CtyType.verify = function (message, _depth) {
        if (typeof message !== "object" || message === null)
            return "object expected";
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            return "max depth exceeded";
        let properties = {};
        if (message.primitive != null && $Object.hasOwnProperty.call(message, "primitive")) {
            properties.typeDef = 1;
            {
                let error = $root.CtyPrimitive.verify(message.primitive, _depth + 1);
                if (error)
                    return "primitive." + error;
            }
        }
        if (message.list != null && $Object.hasOwnProperty.call(message, "list")) {
            if (properties.typeDef === 1)
                return "typeDef: multiple values";
            properties.typeDef = 1;
            {
                let error = $root.CtyList.verify(message.list, _depth + 1);
                if (error)
                    return "list." + error;
            }
        }
        if (message.map != null && $Object.hasOwnProperty.call(message, "map")) {
            if (properties.typeDef === 1)
                return "typeDef: multiple values";
            properties.typeDef = 1;
            {
                let error = $root.CtyMap.verify(message.map, _depth + 1);
                if (error)
                    return "map." + error;
            }
        }
        return null;
    };

    /**
     * Creates a CtyType message from a plain object. Also converts values to their respective internal types.
     * @function fromObject
     * @memberof CtyType
     * @static
     * @param {Object.<string,*>} object Plain object
     * @returns {CtyType} CtyType
     */
    CtyType.fromObject = function (object, _depth) {
        if (object instanceof $root.CtyType)
            return object;
        if (!$util.isObject(object))
            throw $TypeError(".CtyType: object expected");
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        let message = new $root.CtyType();
        if (object.primitive != null) {
            if (!$util.isObject(object.primitive))
                throw $TypeError(".CtyType.primitive: object expected");
            message.primitive = $root.CtyPrimitive.fromObject(object.primitive, _depth + 1);
        }
        if (object.list != null) {
            if (!$util.isObject(object.list))
                throw $TypeError(".CtyType.list: object expected");
            message.list = $root.CtyList.fromObject(object.list, _depth + 1);
        }
        if (object.map != null) {
            if (!$util.isObject(object.map))
                throw $TypeError(".CtyType.map: object expected");
            message.map = $root.CtyMap.fromObject(object.map, _depth + 1);
        }
        return message;
    };

    /**
     * Creates a plain object from a CtyType message. Also converts values to other types if specified.
     * @function toObject
     * @memberof CtyType
     * @static
     * @param {CtyType} message CtyType
     * @param {$protobuf.IConversionOptions} [options] Conversion options
     * @returns {Object.<string,*>} Plain object
     */
    CtyType.toObject = function (message, options, _depth) {
        if (!options)
            options = {};
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        let object = {};
        if (message.primitive != null && $Object.hasOwnProperty.call(message, "primitive")) {
            object.primitive = $root.CtyPrimitive.toObject(message.primitive, options, _depth + 1);
            if (options.oneofs)
                object.typeDef = "primitive";
        }
        if (message.list != null && $Object.hasOwnProperty.call(message, "list")) {
            object.list = $root.CtyList.toObject(message.list, options, _depth + 1);
            if (options.oneofs)
                object.typeDef = "list";
        }
        if (message.map != null && $Object.hasOwnProperty.call(message, "map")) {
            object.map = $root.CtyMap.toObject(message.map, options, _depth + 1);
            if (options.oneofs)
                object.typeDef = "map";
        }
        return object;
    };

    /**
     * Converts this CtyType to JSON.
     * @function toJSON
     * @memberof CtyType
     * @instance
     * @returns {Object.<string,*>} JSON object
     */
    CtyType.prototype.toJSON = function() {
        return CtyType.toObject(this, $protobuf.util.toJSONOptions);
    };

    /**
     * Gets the type url for CtyType
     * @function getTypeUrl
     * @memberof CtyType
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    CtyType.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/CtyType";
    };

    return CtyType;
})();

export const CtyPrimitive = $root.CtyPrimitive = (() => {

    /**
     * Properties of a CtyPrimitive.
     * @typedef {Object} CtyPrimitive.$Properties
     * @property {string|null} [typeString] CtyPrimitive typeString
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a CtyPrimitive.
     * @exports ICtyPrimitive
     * @interface ICtyPrimitive
     * @augments CtyPrimitive.$Properties
     * @deprecated Use CtyPrimitive.$Properties instead.
     */

    /**
     * Shape of a CtyPrimitive.
     * @typedef {CtyPrimitive.$Properties} CtyPrimitive.$Shape
     */

    /**
     * Constructs a new CtyPrimitive.
     * @exports CtyPrimitive
     * @classdesc Represents a CtyPrimitive.
     * @constructor
     * @param {CtyPrimitive.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const CtyPrimitive = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * CtyPrimitive typeString.
     * @member {string} typeString
     * @memberof CtyPrimitive
     * @instance
     */
    CtyPrimitive.prototype.typeString = "";

    /**
     * Creates a new CtyPrimitive instance using the specified properties.
     * @function create
     * @memberof CtyPrimitive
     * @static
     * @param {CtyPrimitive.$Properties=} [properties] Properties to set
     * @returns {CtyPrimitive} CtyPrimitive instance
     * @type {{
     *   (properties: CtyPrimitive.$Shape): CtyPrimitive & CtyPrimitive.$Shape;
     *   (properties?: CtyPrimitive.$Properties): CtyPrimitive;
     * }}
     */
    CtyPrimitive.create = function(properties) {
        return new CtyPrimitive(properties);
    };

    /**
     * Encodes the specified CtyPrimitive message. Does not implicitly {@link CtyPrimitive.verify|verify} messages.
     * @function encode
     * @memberof CtyPrimitive
     * @static
     * @param {CtyPrimitive.$Properties} message CtyPrimitive message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    CtyPrimitive.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        if (message.typeString != null && $Object.hasOwnProperty.call(message, "typeString") && message.typeString !== "")
            writer.uint32(/* id 1, wireType 2 =*/10).string(message.typeString);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Encodes the specified CtyPrimitive message, length delimited. Does not implicitly {@link CtyPrimitive.verify|verify} messages.
     * @function encodeDelimited
     * @memberof CtyPrimitive
     * @static
     * @param {CtyPrimitive.$Properties} message CtyPrimitive message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    CtyPrimitive.encodeDelimited = function(message, writer) {
        return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
    };

    /**
     * Decodes a CtyPrimitive message from the specified reader or buffer.
     * @function decode
     * @memberof CtyPrimitive
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {CtyPrimitive & CtyPrimitive.$Shape} CtyPrimitive
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    CtyPrimitive.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $Reader.recursionLimit)
            throw $Error("max depth exceeded");
        let end, message, value;
        if (length === $undefined)
            end = reader.len;
        else {
            end = reader.pos + length;
            if (end > reader.len)
                throw $RangeError("index out of range");
            length = reader.len;
            reader.len = end;
        }
        message = _target || new $root.CtyPrimitive();
        while (reader.pos < end) {
            let start = reader.pos;
            let tag = reader.tag();
            if (tag === _end) {
                _end = $undefined;
                break;
            }
            let wireType = tag & 7;
            switch (tag >>>= 3) {
            case 1: {
                    if (wireType !== 2)
                        break;
                    if ((value = reader.stringVerify()).length)
                        message.typeString = value;
                    else
                        delete message.typeString;
                    continue;
                }
            }
            reader.skipType(wireType, _depth, tag);
            if (!reader.discardUnknown) {
                $util.makeProp(message, "$unknowns", false);
                (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
            }
        }
        if (length !== $undefined) {
            if (reader.pos !== end)
                throw $RangeError("index out of range");
            reader.len = length;
        }
        if (_end !== $undefined)
            throw $Error("missing end group");
        return message;
    };

    /**
     * Decodes a CtyPrimitive message from the specified reader or buffer, length delimited.
     * @function decodeDelimited
     * @memberof CtyPrimitive
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @returns {CtyPrimitive & CtyPrimitive.$Shape} CtyPrimitive
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    CtyPrimitive.decodeDelimited = function(reader) {
        if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
        return this.decode(reader, reader.size());
    };

    /**
     * Verifies a CtyPrimitive message.
     * @function verify
     * @memberof CtyPrimitive
     * @static
     * @param {Object.<string,*>} message Plain object to verify
     * @returns {string|null} `null` if valid, otherwise the reason why it is not
     */
    CtyPrimitive.verify = function (message, _depth) {
        if (typeof message !== "object" || message === null)
            return "object expected";
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            return "max depth exceeded";
        if (message.typeString != null && $Object.hasOwnProperty.call(message, "typeString"))
            if (!$util.isString(message.typeString))
                return "typeString: string expected";
        return null;
    };

    /**
     * Creates a CtyPrimitive message from a plain object. Also converts values to their respective internal types.
     * @function fromObject
     * @memberof CtyPrimitive
     * @static
     * @param {Object.<string,*>} object Plain object
     * @returns {CtyPrimitive} CtyPrimitive
     */
    CtyPrimitive.fromObject = function (object, _depth) {
        if (object instanceof $root.CtyPrimitive)
            return object;
        if (!$util.isObject(object))
            throw $TypeError(".CtyPrimitive: object expected");
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        let message = new $root.CtyPrimitive();
        if (object.typeString != null)
            if (typeof object.typeString !== "string" || object.typeString.length)
                message.typeString = $String(object.typeString);
        return message;
    };

    /**
     * Creates a plain object from a CtyPrimitive message. Also converts values to other types if specified.
     * @function toObject
     * @memberof CtyPrimitive
     * @static
     * @param {CtyPrimitive} message CtyPrimitive
     * @param {$protobuf.IConversionOptions} [options] Conversion options
     * @returns {Object.<string,*>} Plain object
     */
    CtyPrimitive.toObject = function (message, options, _depth) {
        if (!options)
            options = {};
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        let object = {};
        if (options.defaults)
            object.typeString = "";
        if (message.typeString != null && $Object.hasOwnProperty.call(message, "typeString"))
            object.typeString = message.typeString;
        return object;
    };

    /**
     * Converts this CtyPrimitive to JSON.
     * @function toJSON
     * @memberof CtyPrimitive
     * @instance
     * @returns {Object.<string,*>} JSON object
     */
    CtyPrimitive.prototype.toJSON = function() {
        return CtyPrimitive.toObject(this, $protobuf.util.toJSONOptions);
    };

    /**
     * Gets the type url for CtyPrimitive
     * @function getTypeUrl
     * @memberof CtyPrimitive
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    CtyPrimitive.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/CtyPrimitive";
    };

    return CtyPrimitive;
})();

export const CtyList = $root.CtyList = (() => {

    /**
     * Properties of a CtyList.
     * @typedef {Object} CtyList.$Properties
     * @property {CtyType.$Properties|null} [elementType] CtyList elementType
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a CtyList.
     * @exports ICtyList
     * @interface ICtyList
     * @augments CtyList.$Properties
     * @deprecated Use CtyList.$Properties instead.
     */

    /**
     * Shape of a CtyList.
     * @typedef {{
     *   elementType?: CtyType.$Shape|null;
     *   $unknowns?: Array.<Uint8Array>;
     * }} CtyList.$Shape
     */

    /**
     * Constructs a new CtyList.
     * @exports CtyList
     * @classdesc Represents a CtyList.
     * @constructor
     * @param {CtyList.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const CtyList = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * CtyList elementType.
     * @member {CtyType.$Properties|null|undefined} elementType
     * @memberof CtyList
     * @instance
     */
    CtyList.prototype.elementType = null;

    /**
     * Creates a new CtyList instance using the specified properties.
     * @function create
     * @memberof CtyList
     * @static
     * @param {CtyList.$Properties=} [properties] Properties to set
     * @returns {CtyList} CtyList instance
     * @type {{
     *   (properties: CtyList.$Shape): CtyList & CtyList.$Shape;
     *   (properties?: CtyList.$Properties): CtyList;
     * }}
     */
    CtyList.create = function(properties) {
        return new CtyList(properties);
    };

    /**
     * Encodes the specified CtyList message. Does not implicitly {@link CtyList.verify|verify} messages.
     * @function encode
     * @memberof CtyList
     * @static
     * @param {CtyList.$Properties} message CtyList message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    CtyList.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        if (message.elementType != null && $Object.hasOwnProperty.call(message, "elementType"))
            $root.CtyType.encode(message.elementType, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Encodes the specified CtyList message, length delimited. Does not implicitly {@link CtyList.verify|verify} messages.
     * @function encodeDelimited
     * @memberof CtyList
     * @static
     * @param {CtyList.$Properties} message CtyList message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    CtyList.encodeDelimited = function(message, writer) {
        return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
    };

    /**
     * Decodes a CtyList message from the specified reader or buffer.
     * @function decode
     * @memberof CtyList
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {CtyList & CtyList.$Shape} CtyList
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    CtyList.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $Reader.recursionLimit)
            throw $Error("max depth exceeded");
        let end, message, value;
        if (length === $undefined)
            end = reader.len;
        else {
            end = reader.pos + length;
            if (end > reader.len)
                throw $RangeError("index out of range");
            length = reader.len;
            reader.len = end;
        }
        message = _target || new $root.CtyList();
        while (reader.pos < end) {
            let start = reader.pos;
            let tag = reader.tag();
            if (tag === _end) {
                _end = $undefined;
                break;
            }
            let wireType = tag & 7;
            switch (tag >>>= 3) {
            case 1: {
                    if (wireType !== 2)
                        break;
                    message.elementType = $root.CtyType.decode(reader, reader.size(), $undefined, _depth + 1, message.elementType);
                    continue;
                }
            }
            reader.skipType(wireType, _depth, tag);
            if (!reader.discardUnknown) {
                $util.makeProp(message, "$unknowns", false);
                (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
            }
        }
        if (length !== $undefined) {
            if (reader.pos !== end)
                throw $RangeError("index out of range");
            reader.len = length;
        }
        if (_end !== $undefined)
            throw $Error("missing end group");
        return message;
    };

    /**
     * Decodes a CtyList message from the specified reader or buffer, length delimited.
     * @function decodeDelimited
     * @memberof CtyList
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @returns {CtyList & CtyList.$Shape} CtyList
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    CtyList.decodeDelimited = function(reader) {
        if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
        return this.decode(reader, reader.size());
    };

    /**
     * Verifies a CtyList message.
     * @function verify
     * @memberof CtyList
     * @static
     * @param {Object.<string,*>} message Plain object to verify
     * @returns {string|null} `null` if valid, otherwise the reason why it is not
     */
    CtyList.verify = function (message, _depth) {
        if (typeof message !== "object" || message === null)
            return "object expected";
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            return "max depth exceeded";
        if (message.elementType != null && $Object.hasOwnProperty.call(message, "elementType")) {
            let error = $root.CtyType.verify(message.elementType, _depth + 1);
            if (error)
                return "elementType." + error;
        }
        return null;
    };

    /**
     * Creates a CtyList message from a plain object. Also converts values to their respective internal types.
     * @function fromObject
     * @memberof CtyList
     * @static
     * @param {Object.<string,*>} object Plain object
     * @returns {CtyList} CtyList
     */
    CtyList.fromObject = function (object, _depth) {
        if (object instanceof $root.CtyList)
            return object;
        if (!$util.isObject(object))
            throw $TypeError(".CtyList: object expected");
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        let message = new $root.CtyList();
        if (object.elementType != null) {
            if (!$util.isObject(object.elementType))
                throw $TypeError(".CtyList.elementType: object expected");
            message.elementType = $root.CtyType.fromObject(object.elementType, _depth + 1);
        }
        return message;
    };

    /**
     * Creates a plain object from a CtyList message. Also converts values to other types if specified.
     * @function toObject
     * @memberof CtyList
     * @static
     * @param {CtyList} message CtyList
     * @param {$protobuf.IConversionOptions} [options] Conversion options
     * @returns {Object.<string,*>} Plain object
     */
    CtyList.toObject = function (message, options, _depth) {
        if (!options)
            options = {};
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        let object = {};
        if (options.defaults)
            object.elementType = null;
        if (message.elementType != null && $Object.hasOwnProperty.call(message, "elementType"))
            object.elementType = $root.CtyType.toObject(message.elementType, options, _depth + 1);
        return object;
    };

    /**
     * Converts this CtyList to JSON.
     * @function toJSON
     * @memberof CtyList
     * @instance
     * @returns {Object.<string,*>} JSON object
     */
    CtyList.prototype.toJSON = function() {
        return CtyList.toObject(this, $protobuf.util.toJSONOptions);
    };

    /**
     * Gets the type url for CtyList
     * @function getTypeUrl
     * @memberof CtyList
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    CtyList.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/CtyList";
    };

    return CtyList;
})();

export const CtyMap = $root.CtyMap = (() => {

    /**
     * Properties of a CtyMap.
     * @typedef {Object} CtyMap.$Properties
     * @property {CtyType.$Properties|null} [elementType] CtyMap elementType
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a CtyMap.
     * @exports ICtyMap
     * @interface ICtyMap
     * @augments CtyMap.$Properties
     * @deprecated Use CtyMap.$Properties instead.
     */

    /**
     * Shape of a CtyMap.
     * @typedef {{
     *   elementType?: CtyType.$Shape|null;
     *   $unknowns?: Array.<Uint8Array>;
     * }} CtyMap.$Shape
     */

    /**
     * Constructs a new CtyMap.
     * @exports CtyMap
     * @classdesc Represents a CtyMap.
     * @constructor
     * @param {CtyMap.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const CtyMap = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * CtyMap elementType.
     * @member {CtyType.$Properties|null|undefined} elementType
     * @memberof CtyMap
     * @instance
     */
    CtyMap.prototype.elementType = null;

    /**
     * Creates a new CtyMap instance using the specified properties.
     * @function create
     * @memberof CtyMap
     * @static
     * @param {CtyMap.$Properties=} [properties] Properties to set
     * @returns {CtyMap} CtyMap instance
     * @type {{
     *   (properties: CtyMap.$Shape): CtyMap & CtyMap.$Shape;
     *   (properties?: CtyMap.$Properties): CtyMap;
     * }}
     */
    CtyMap.create = function(properties) {
        return new CtyMap(properties);
    };

    /**
     * Encodes the specified CtyMap message. Does not implicitly {@link CtyMap.verify|verify} messages.
     * @function encode
     * @memberof CtyMap
     * @static
     * @param {CtyMap.$Properties} message CtyMap message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    CtyMap.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        if (message.elementType != null && $Object.hasOwnProperty.call(message, "elementType"))
            $root.CtyType.encode(message.elementType, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Encodes the specified CtyMap message, length delimited. Does not implicitly {@link CtyMap.verify|verify} messages.
     * @function encodeDelimited
     * @memberof CtyMap
     * @static
     * @param {CtyMap.$Properties} message CtyMap message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    CtyMap.encodeDelimited = function(message, writer) {
        return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
    };

    /**
     * Decodes a CtyMap message from the specified reader or buffer.
     * @function decode
     * @memberof CtyMap
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {CtyMap & CtyMap.$Shape} CtyMap
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    CtyMap.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $Reader.recursionLimit)
            throw $Error("max depth exceeded");
        let end, message, value;
        if (length === $undefined)
            end = reader.len;
        else {
            end = reader.pos + length;
            if (end > reader.len)
                throw $RangeError("index out of range");
            length = reader.len;
            reader.len = end;
        }
        message = _target || new $root.CtyMap();
        while (reader.pos < end) {
            let start = reader.pos;
            let tag = reader.tag();
            if (tag === _end) {
                _end = $undefined;
                break;
            }
            let wireType = tag & 7;
            switch (tag >>>= 3) {
            case 1: {
                    if (wireType !== 2)
                        break;
                    message.elementType = $root.CtyType.decode(reader, reader.size(), $undefined, _depth + 1, message.elementType);
                    continue;
                }
            }
            reader.skipType(wireType, _depth, tag);
            if (!reader.discardUnknown) {
                $util.makeProp(message, "$unknowns", false);
                (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
            }
        }
        if (length !== $undefined) {
            if (reader.pos !== end)
                throw $RangeError("index out of range");
            reader.len = length;
        }
        if (_end !== $undefined)
            throw $Error("missing end group");
        return message;
    };

    /**
     * Decodes a CtyMap message from the specified reader or buffer, length delimited.
     * @function decodeDelimited
     * @memberof CtyMap
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @returns {CtyMap & CtyMap.$Shape} CtyMap
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    CtyMap.decodeDelimited = function(reader) {
        if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
        return this.decode(reader, reader.size());
    };

    /**
     * Verifies a CtyMap message.
     * @function verify
     * @memberof CtyMap
     * @static
     * @param {Object.<string,*>} message Plain object to verify
     * @returns {string|null} `null` if valid, otherwise the reason why it is not
     */
    CtyMap.verify = function (message, _depth) {
        if (typeof message !== "object" || message === null)
            return "object expected";
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            return "max depth exceeded";
        if (message.elementType != null && $Object.hasOwnProperty.call(message, "elementType")) {
            let error = $root.CtyType.verify(message.elementType, _depth + 1);
            if (error)
                return "elementType." + error;
        }
        return null;
    };

    /**
     * Creates a CtyMap message from a plain object. Also converts values to their respective internal types.
     * @function fromObject
     * @memberof CtyMap
     * @static
     * @param {Object.<string,*>} object Plain object
     * @returns {CtyMap} CtyMap
     */
    CtyMap.fromObject = function (object, _depth) {
        if (object instanceof $root.CtyMap)
            return object;
        if (!$util.isObject(object))
            throw $TypeError(".CtyMap: object expected");
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        let message = new $root.CtyMap();
        if (object.elementType != null) {
            if (!$util.isObject(object.elementType))
                throw $TypeError(".CtyMap.elementType: object expected");
            message.elementType = $root.CtyType.fromObject(object.elementType, _depth + 1);
        }
        return message;
    };

    /**
     * Creates a plain object from a CtyMap message. Also converts values to other types if specified.
     * @function toObject
     * @memberof CtyMap
     * @static
     * @param {CtyMap} message CtyMap
     * @param {$protobuf.IConversionOptions} [options] Conversion options
     * @returns {Object.<string,*>} Plain object
     */
    CtyMap.toObject = function (message, options, _depth) {
        if (!options)
            options = {};
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        let object = {};
        if (options.defaults)
            object.elementType = null;
        if (message.elementType != null && $Object.hasOwnProperty.call(message, "elementType"))
            object.elementType = $root.CtyType.toObject(message.elementType, options, _depth + 1);
        return object;
    };

    /**
     * Converts this CtyMap to JSON.
     * @function toJSON
     * @memberof CtyMap
     * @instance
     * @returns {Object.<string,*>} JSON object
     */
    CtyMap.prototype.toJSON = function() {
        return CtyMap.toObject(this, $protobuf.util.toJSONOptions);
    };

    /**
     * Gets the type url for CtyMap
     * @function getTypeUrl
     * @memberof CtyMap
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    CtyMap.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/CtyMap";
    };

    return CtyMap;
})();

export const HCL2Spec = $root.HCL2Spec = (() => {

    /**
     * Properties of a HCL2Spec.
     * @typedef {Object} HCL2Spec.$Properties
     * @property {Object.<string,Spec.$Properties>|null} [TypeSpec] HCL2Spec TypeSpec
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a HCL2Spec.
     * @exports IHCL2Spec
     * @interface IHCL2Spec
     * @augments HCL2Spec.$Properties
     * @deprecated Use HCL2Spec.$Properties instead.
     */

    /**
     * Shape of a HCL2Spec.
     * @typedef {{
     *   TypeSpec?: Object.<string,Spec.$Shape>|null;
     *   $unknowns?: Array.<Uint8Array>;
     * }} HCL2Spec.$Shape
     */

    /**
     * Constructs a new HCL2Spec.
     * @exports HCL2Spec
     * @classdesc Represents a HCL2Spec.
     * @constructor
     * @param {HCL2Spec.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const HCL2Spec = function (properties) {
        this.TypeSpec = {};
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * HCL2Spec TypeSpec.
     * @member {Object.<string,Spec.$Properties>} TypeSpec
     * @memberof HCL2Spec
     * @instance
     */
    HCL2Spec.prototype.TypeSpec = $util.emptyObject;

    /**
     * Creates a new HCL2Spec instance using the specified properties.
     * @function create
     * @memberof HCL2Spec
     * @static
     * @param {HCL2Spec.$Properties=} [properties] Properties to set
     * @returns {HCL2Spec} HCL2Spec instance
     * @type {{
     *   (properties: HCL2Spec.$Shape): HCL2Spec & HCL2Spec.$Shape;
     *   (properties?: HCL2Spec.$Properties): HCL2Spec;
     * }}
     */
    HCL2Spec.create = function(properties) {
        return new HCL2Spec(properties);
    };

    /**
     * Encodes the specified HCL2Spec message. Does not implicitly {@link HCL2Spec.verify|verify} messages.
     * @function encode
     * @memberof HCL2Spec
     * @static
     * @param {HCL2Spec.$Properties} message HCL2Spec message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    HCL2Spec.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        if (message.TypeSpec != null && $Object.hasOwnProperty.call(message, "TypeSpec"))
            for (let keys = $Object.keys(message.TypeSpec), i = 0; i < keys.length; ++i) {
                writer.uint32(/* id 1, wireType 2 =*/10).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]);
                $root.Spec.encode(message.TypeSpec[keys[i]], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim().ldelim();
            }
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Encodes the specified HCL2Spec message, length delimited. Does not implicitly {@link HCL2Spec.verify|verify} messages.
     * @function encodeDelimited
     * @memberof HCL2Spec
     * @static
     * @param {HCL2Spec.$Properties} message HCL2Spec message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    HCL2Spec.encodeDelimited = function(message, writer) {
        return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
    };

    /**
     * Decodes a HCL2Spec message from the specified reader or buffer.
     * @function decode
     * @memberof HCL2Spec
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {HCL2Spec & HCL2Spec.$Shape} HCL2Spec
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    HCL2Spec.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $Reader.recursionLimit)
            throw $Error("max depth exceeded");
        let end, message, key, value;
        if (length === $undefined)
            end = reader.len;
        else {
            end = reader.pos + length;
            if (end > reader.len)
                throw $RangeError("index out of range");
            length = reader.len;
            reader.len = end;
        }
        message = _target || new $root.HCL2Spec();
        while (reader.pos < end) {
            let start = reader.pos;
            let tag = reader.tag();
            if (tag === _end) {
                _end = $undefined;
                break;
            }
            let wireType = tag & 7;
            switch (tag >>>= 3) {
            case 1: {
                    if (wireType !== 2)
                        break;
                    if (message.TypeSpec === $util.emptyObject)
                        message.TypeSpec = {};
                    let end2 = reader.size() + reader.pos;
                    if (end2 > reader.len)
                        throw $RangeError("index out of range");
                    reader.len = end2;
                    key = "";
                    value = null;
                    while (reader.pos < end2) {
                        let tag2 = reader.tag();
                        wireType = tag2 & 7;
                        switch (tag2 >>>= 3) {
                        case 1:
                            if (wireType !== 2)
                                break;
                            key = reader.stringVerify();
                            continue;
                        case 2:
                            if (wireType !== 2)
                                break;
                            value = $root.Spec.decode(reader, reader.size(), $undefined, _depth + 1, value);
                            continue;
                        }
                        reader.skipType(wireType, _depth, tag2);
                    }
                    if (reader.pos !== end2)
                        throw $RangeError("index out of range");
                    reader.len = end;
                    if (key === "__proto__")
                        $util.makeProp(message.TypeSpec, key);
                    message.TypeSpec[key] = value || new $root.Spec();
                    continue;
                }
            }
            reader.skipType(wireType, _depth, tag);
            if (!reader.discardUnknown) {
                $util.makeProp(message, "$unknowns", false);
                (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
            }
        }
        if (length !== $undefined) {
            if (reader.pos !== end)
                throw $RangeError("index out of range");
            reader.len = length;
        }
        if (_end !== $undefined)
            throw $Error("missing end group");
        return message;
    };

    /**
     * Decodes a HCL2Spec message from the specified reader or buffer, length delimited.
     * @function decodeDelimited
     * @memberof HCL2Spec
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @returns {HCL2Spec & HCL2Spec.$Shape} HCL2Spec
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    HCL2Spec.decodeDelimited = function(reader) {
        if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
        return this.decode(reader, reader.size());
    };

    /**
     * Verifies a HCL2Spec message.
     * @function verify
     * @memberof HCL2Spec
     * @static
     * @param {Object.<string,*>} message Plain object to verify
     * @returns {string|null} `null` if valid, otherwise the reason why it is not
     */
    HCL2Spec.verify = function (message, _depth) {
        if (typeof message !== "object" || message === null)
            return "object expected";
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            return "max depth exceeded";
        if (message.TypeSpec != null && $Object.hasOwnProperty.call(message, "TypeSpec")) {
            if (!$util.isObject(message.TypeSpec))
                return "TypeSpec: object expected";
            let key = $Object.keys(message.TypeSpec);
            for (let i = 0; i < key.length; ++i) {
                let error = $root.Spec.verify(message.TypeSpec[key[i]], _depth + 1);
                if (error)
                    return "TypeSpec." + error;
            }
        }
        return null;
    };

    /**
     * Creates a HCL2Spec message from a plain object. Also converts values to their respective internal types.
     * @function fromObject
     * @memberof HCL2Spec
     * @static
     * @param {Object.<string,*>} object Plain object
     * @returns {HCL2Spec} HCL2Spec
     */
    HCL2Spec.fromObject = function (object, _depth) {
        if (object instanceof $root.HCL2Spec)
            return object;
        if (!$util.isObject(object))
            throw $TypeError(".HCL2Spec: object expected");
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        let message = new $root.HCL2Spec();
        if (object.TypeSpec) {
            if (!$util.isObject(object.TypeSpec))
                throw $TypeError(".HCL2Spec.TypeSpec: object expected");
            message.TypeSpec = {};
            for (let keys = $Object.keys(object.TypeSpec), i = 0; i < keys.length; ++i) {
                if (keys[i] === "__proto__")
                    $util.makeProp(message.TypeSpec, keys[i]);
                if (!$util.isObject(object.TypeSpec[keys[i]]))
                    throw $TypeError(".HCL2Spec.TypeSpec: object expected");
                message.TypeSpec[keys[i]] = $root.Spec.fromObject(object.TypeSpec[keys[i]], _depth + 1);
            }
        }
        return message;
    };

    /**
     * Creates a plain object from a HCL2Spec message. Also converts values to other types if specified.
     * @function toObject
     * @memberof HCL2Spec
     * @static
     * @param {HCL2Spec} message HCL2Spec
     * @param {$protobuf.IConversionOptions} [options] Conversion options
     * @returns {Object.<string,*>} Plain object
     */
    HCL2Spec.toObject = function (message, options, _depth) {
        if (!options)
            options = {};
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        let object = {};
        if (options.objects || options.defaults)
            object.TypeSpec = {};
        let keys2;
        if (message.TypeSpec && (keys2 = $Object.keys(message.TypeSpec)).length) {
            object.TypeSpec = {};
            for (let j = 0; j < keys2.length; ++j) {
                if (keys2[j] === "__proto__")
                    $util.makeProp(object.TypeSpec, keys2[j]);
                object.TypeSpec[keys2[j]] = $root.Spec.toObject(message.TypeSpec[keys2[j]], options, _depth + 1);
            }
        }
        return object;
    };

    /**
     * Converts this HCL2Spec to JSON.
     * @function toJSON
     * @memberof HCL2Spec
     * @instance
     * @returns {Object.<string,*>} JSON object
     */
    HCL2Spec.prototype.toJSON = function() {
        return HCL2Spec.toObject(this, $protobuf.util.toJSONOptions);
    };

    /**
     * Gets the type url for HCL2Spec
     * @function getTypeUrl
     * @memberof HCL2Spec
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    HCL2Spec.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/HCL2Spec";
    };

    return HCL2Spec;
})();

export const Spec = $root.Spec = (() => {

    /**
     * Properties of a Spec.
     * @typedef {Object} Spec.$Properties
     * @property {Object.$Properties|null} [object] Spec object
     * @property {Attr.$Properties|null} [attr] Spec attr
     * @property {Block.$Properties|null} [blockValue] Spec blockValue
     * @property {BlockList.$Properties|null} [blockList] Spec blockList
     * @property {"object"|"attr"|"blockValue"|"blockList"} [block] Spec block
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a Spec.
     * @exports ISpec
     * @interface ISpec
     * @augments Spec.$Properties
     * @deprecated Use Spec.$Properties instead.
     */

    /**
     * Narrowed shape of a Spec.
     * @typedef {{
     *   object?: Object.$Shape|null;
     *   attr?: Attr.$Shape|null;
     *   blockValue?: Block.$Shape|null;
     *   blockList?: BlockList.$Shape|null;
     *   $unknowns?: Array.<Uint8Array>;
     * } & (
     *   ({ block?: undefined; object?: null; attr?: null; blockValue?: null; blockList?: null }|{ block?: "object"; object: Object.$Shape; attr?: null; blockValue?: null; blockList?: null }|{ block?: "attr"; object?: null; attr: Attr.$Shape; blockValue?: null; blockList?: null }|{ block?: "blockValue"; object?: null; attr?: null; blockValue: Block.$Shape; blockList?: null }|{ block?: "blockList"; object?: null; attr?: null; blockValue?: null; blockList: BlockList.$Shape })
     * )} Spec.$Shape
     */

    /**
     * Constructs a new Spec.
     * @exports Spec
     * @classdesc Represents a Spec.
     * @constructor
     * @param {Spec.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const Spec = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * Spec object.
     * @member {Object.$Properties|null|undefined} object
     * @memberof Spec
     * @instance
     */
    Spec.prototype.object = null;

    /**
     * Spec attr.
     * @member {Attr.$Properties|null|undefined} attr
     * @memberof Spec
     * @instance
     */
    Spec.prototype.attr = null;

    /**
     * Spec blockValue.
     * @member {Block.$Properties|null|undefined} blockValue
     * @memberof Spec
     * @instance
     */
    Spec.prototype.blockValue = null;

    /**
     * Spec blockList.
     * @member {BlockList.$Properties|null|undefined} blockList
     * @memberof Spec
     * @instance
     */
    Spec.prototype.blockList = null;

    // OneOf field names bound to virtual getters and setters
    let $oneOfFields;

    /**
     * Spec block.
     * @member {"object"|"attr"|"blockValue"|"blockList"|undefined} block
     * @memberof Spec
     * @instance
     */
    $Object.defineProperty(Spec.prototype, "block", {
        get: $util.oneOfGetter($oneOfFields = ["object", "attr", "blockValue", "blockList"]),
        set: $util.oneOfSetter($oneOfFields)
    });

    /**
     * Creates a new Spec instance using the specified properties.
     * @function create
     * @memberof Spec
     * @static
     * @param {Spec.$Properties=} [properties] Properties to set
     * @returns {Spec} Spec instance
     * @type {{
     *   (properties: Spec.$Shape): Spec & Spec.$Shape;
     *   (properties?: Spec.$Properties): Spec;
     * }}
     */
    Spec.create = function(properties) {
        return new Spec(properties);
    };

    /**
     * Encodes the specified Spec message. Does not implicitly {@link Spec.verify|verify} messages.
     * @function encode
     * @memberof Spec
     * @static
     * @param {Spec.$Properties} message Spec message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    Spec.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        if (message.object != null && $Object.hasOwnProperty.call(message, "object"))
            $root.Object.encode(message.object, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
        if (message.attr != null && $Object.hasOwnProperty.call(message, "attr"))
            $root.Attr.encode(message.attr, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
        if (message.blockValue != null && $Object.hasOwnProperty.call(message, "blockValue"))
            $root.Block.encode(message.blockValue, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
        if (message.blockList != null && $Object.hasOwnProperty.call(message, "blockList"))
            $root.BlockList.encode(message.blockList, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Encodes the specified Spec message, length delimited. Does not implicitly {@link Spec.verify|verify} messages.
     * @function encodeDelimited
     * @memberof Spec
     * @static
     * @param {Spec.$Properties} message Spec message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    Spec.encodeDelimited = function(message, writer) {
        return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
    };

    /**
     * Decodes a Spec message from the specified reader or buffer.
     * @function decode
     * @memberof Spec
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {Spec & Spec.$Shape} Spec
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    Spec.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $Reader.recursionLimit)
            throw $Error("max depth exceeded");
        let end, message;
        if (length === $undefined)
            end = reader.len;
        else {
            end = reader.pos + length;
            if (end > reader.len)
                throw $RangeError("index out of range");
            length = reader.len;
            reader.len = end;
        }
        message = _target || new $root.Spec();
        while (reader.pos < end) {
            let start = reader.pos;
            let tag = reader.tag();
            if (tag === _end) {
                _end = $undefined;
                break;
            }
            let wireType = tag & 7;
            switch (tag >>>= 3) {
            case 1: {
                    if (wireType !== 2)
                        break;
                    message.object = $root.Object.decode(reader, reader.size(), $undefined, _depth + 1, message.object);
                    message.block = "object";
                    continue;
                }
            case 2: {
                    if (wireType !== 2)
                        break;
                    message.attr = $root.Attr.decode(reader, reader.size(), $undefined, _depth + 1, message.attr);
                    message.block = "attr";
                    continue;
                }
            case 3: {
                    if (wireType !== 2)
                        break;
                    message.blockValue = $root.Block.decode(reader, reader.size(), $undefined, _depth + 1, message.blockValue);
                    message.block = "blockValue";
                    continue;
                }
            case 4: {
                    if (wireType !== 2)
                        break;
                    message.blockList = $root.BlockList.decode(reader, reader.size(), $undefined, _depth + 1, message.blockList);
                    message.block = "blockList";
                    continue;
                }
            }
            reader.skipType(wireType, _depth, tag);
            if (!reader.discardUnknown) {
                $util.makeProp(message, "$unknowns", false);
                (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
            }
        }
        if (length !== $undefined) {
            if (reader.pos !== end)
                throw $RangeError("index out of range");
            reader.len = length;
        }
        if (_end !== $undefined)
            throw $Error("missing end group");
        return message;
    };

    /**
     * Decodes a Spec message from the specified reader or buffer, length delimited.
     * @function decodeDelimited
     * @memberof Spec
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @returns {Spec & Spec.$Shape} Spec
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    Spec.decodeDelimited = function(reader) {
        if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
        return this.decode(reader, reader.size());
    };

    /**
     * Verifies a Spec message.
     * @function verify
     * @memberof Spec
     * @static
     * @param {Object.<string,*>} message Plain object to verify
     * @returns {string|null} `null` if valid, otherwise the reason why it is not
     */
    Spec.verify = function (message, _depth) {
        if (typeof message !== "object" || message === null)
            return "object expected";
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            return "max depth exceeded";
        let properties = {};
        if (message.object != null && $Object.hasOwnProperty.call(message, "object")) {
            properties.block = 1;
            {
                let error = $root.Object.verify(message.object, _depth + 1);
                if (error)
                    return "object." + error;
            }
        }
        if (message.attr != null && $Object.hasOwnProperty.call(message, "attr")) {
            if (properties.block === 1)
                return "block: multiple values";
            properties.block = 1;
            {
                let error = $root.Attr.verify(message.attr, _depth + 1);
                if (error)
                    return "attr." + error;
            }
        }
        if (message.blockValue != null && $Object.hasOwnProperty.call(message, "blockValue")) {
            if (properties.block === 1)
                return "block: multiple values";
            properties.block = 1;
            {
                let error = $root.Block.verify(message.blockValue, _depth + 1);
                if (error)
                    return "blockValue." + error;
            }
        }
        if (message.blockList != null && $Object.hasOwnProperty.call(message, "blockList")) {
            if (properties.block === 1)
                return "block: multiple values";
            properties.block = 1;
            {
                let error = $root.BlockList.verify(message.blockList, _depth + 1);
                if (error)
                    return "blockList." + error;
            }
        }
        return null;
    };

    /**
     * Creates a Spec message from a plain object. Also converts values to their respective internal types.
     * @function fromObject
     * @memberof Spec
     * @static
     * @param {Object.<string,*>} object Plain object
     * @returns {Spec} Spec
     */
    Spec.fromObject = function (object, _depth) {
        if (object instanceof $root.Spec)
            return object;
        if (!$util.isObject(object))
            throw $TypeError(".Spec: object expected");
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        let message = new $root.Spec();
        if (object.object != null) {
            if (!$util.isObject(object.object))
                throw $TypeError(".Spec.object: object expected");
            message.object = $root.Object.fromObject(object.object, _depth + 1);
        }
        if (object.attr != null) {
            if (!$util.isObject(object.attr))
                throw $TypeError(".Spec.attr: object expected");
            message.attr = $root.Attr.fromObject(object.attr, _depth + 1);
        }
        if (object.blockValue != null) {
            if (!$util.isObject(object.blockValue))
                throw $TypeError(".Spec.blockValue: object expected");
            message.blockValue = $root.Block.fromObject(object.blockValue, _depth + 1);
        }
        if (object.blockList != null) {
            if (!$util.isObject(object.blockList))
                throw $TypeError(".Spec.blockList: object expected");
            message.blockList = $root.BlockList.fromObject(object.blockList, _depth + 1);
        }
        return message;
    };

    /**
     * Creates a plain object from a Spec message. Also converts values to other types if specified.
     * @function toObject
     * @memberof Spec
     * @static
     * @param {Spec} message Spec
     * @param {$protobuf.IConversionOptions} [options] Conversion options
     * @returns {Object.<string,*>} Plain object
     */
    Spec.toObject = function (message, options, _depth) {
        if (!options)
            options = {};
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        let object = {};
        if (message.object != null && $Object.hasOwnProperty.call(message, "object")) {
            object.object = $root.Object.toObject(message.object, options, _depth + 1);
            if (options.oneofs)
                object.block = "object";
        }
        if (message.attr != null && $Object.hasOwnProperty.call(message, "attr")) {
            object.attr = $root.Attr.toObject(message.attr, options, _depth + 1);
            if (options.oneofs)
                object.block = "attr";
        }
        if (message.blockValue != null && $Object.hasOwnProperty.call(message, "blockValue")) {
            object.blockValue = $root.Block.toObject(message.blockValue, options, _depth + 1);
            if (options.oneofs)
                object.block = "blockValue";
        }
        if (message.blockList != null && $Object.hasOwnProperty.call(message, "blockList")) {
            object.blockList = $root.BlockList.toObject(message.blockList, options, _depth + 1);
            if (options.oneofs)
                object.block = "blockList";
        }
        return object;
    };

    /**
     * Converts this Spec to JSON.
     * @function toJSON
     * @memberof Spec
     * @instance
     * @returns {Object.<string,*>} JSON object
     */
    Spec.prototype.toJSON = function() {
        return Spec.toObject(this, $protobuf.util.toJSONOptions);
    };

    /**
     * Gets the type url for Spec
     * @function getTypeUrl
     * @memberof Spec
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    Spec.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/Spec";
    };

    return Spec;
})();

export const Attr = $root.Attr = (() => {

    /**
     * Properties of an Attr.
     * @typedef {Object} Attr.$Properties
     * @property {string|null} [name] Attr name
     * @property {CtyType.$Properties|null} [type] Attr type
     * @property {boolean|null} [required] Attr required
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of an Attr.
     * @exports IAttr
     * @interface IAttr
     * @augments Attr.$Properties
     * @deprecated Use Attr.$Properties instead.
     */

    /**
     * Shape of an Attr.
     * @typedef {{
     *   name?: string|null;
     *   type?: CtyType.$Shape|null;
     *   required?: boolean|null;
     *   $unknowns?: Array.<Uint8Array>;
     * }} Attr.$Shape
     */

    /**
     * Constructs a new Attr.
     * @exports Attr
     * @classdesc Represents an Attr.
     * @constructor
     * @param {Attr.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const Attr = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * Attr name.
     * @member {string} name
     * @memberof Attr
     * @instance
     */
    Attr.prototype.name = "";

    /**
     * Attr type.
     * @member {CtyType.$Properties|null|undefined} type
     * @memberof Attr
     * @instance
     */
    Attr.prototype.type = null;

    /**
     * Attr required.
     * @member {boolean} required
     * @memberof Attr
     * @instance
     */
    Attr.prototype.required = false;

    /**
     * Creates a new Attr instance using the specified properties.
     * @function create
     * @memberof Attr
     * @static
     * @param {Attr.$Properties=} [properties] Properties to set
     * @returns {Attr} Attr instance
     * @type {{
     *   (properties: Attr.$Shape): Attr & Attr.$Shape;
     *   (properties?: Attr.$Properties): Attr;
     * }}
     */
    Attr.create = function(properties) {
        return new Attr(properties);
    };

    /**
     * Encodes the specified Attr message. Does not implicitly {@link Attr.verify|verify} messages.
     * @function encode
     * @memberof Attr
     * @static
     * @param {Attr.$Properties} message Attr message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    Attr.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
            writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
        if (message.type != null && $Object.hasOwnProperty.call(message, "type"))
            $root.CtyType.encode(message.type, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
        if (message.required != null && $Object.hasOwnProperty.call(message, "required") && message.required !== false)
            writer.uint32(/* id 3, wireType 0 =*/24).bool(message.required);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Encodes the specified Attr message, length delimited. Does not implicitly {@link Attr.verify|verify} messages.
     * @function encodeDelimited
     * @memberof Attr
     * @static
     * @param {Attr.$Properties} message Attr message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    Attr.encodeDelimited = function(message, writer) {
        return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
    };

    /**
     * Decodes an Attr message from the specified reader or buffer.
     * @function decode
     * @memberof Attr
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {Attr & Attr.$Shape} Attr
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    Attr.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $Reader.recursionLimit)
            throw $Error("max depth exceeded");
        let end, message, value;
        if (length === $undefined)
            end = reader.len;
        else {
            end = reader.pos + length;
            if (end > reader.len)
                throw $RangeError("index out of range");
            length = reader.len;
            reader.len = end;
        }
        message = _target || new $root.Attr();
        while (reader.pos < end) {
            let start = reader.pos;
            let tag = reader.tag();
            if (tag === _end) {
                _end = $undefined;
                break;
            }
            let wireType = tag & 7;
            switch (tag >>>= 3) {
            case 1: {
                    if (wireType !== 2)
                        break;
                    if ((value = reader.stringVerify()).length)
                        message.name = value;
                    else
                        delete message.name;
                    continue;
                }
            case 2: {
                    if (wireType !== 2)
                        break;
                    message.type = $root.CtyType.decode(reader, reader.size(), $undefined, _depth + 1, message.type);
                    continue;
                }
            case 3: {
                    if (wireType !== 0)
                        break;
                    if (value = reader.bool())
                        message.required = value;
                    else
                        delete message.required;
                    continue;
                }
            }
            reader.skipType(wireType, _depth, tag);
            if (!reader.discardUnknown) {
                $util.makeProp(message, "$unknowns", false);
                (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
            }
        }
        if (length !== $undefined) {
            if (reader.pos !== end)
                throw $RangeError("index out of range");
            reader.len = length;
        }
        if (_end !== $undefined)
            throw $Error("missing end group");
        return message;
    };

    /**
     * Decodes an Attr message from the specified reader or buffer, length delimited.
     * @function decodeDelimited
     * @memberof Attr
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @returns {Attr & Attr.$Shape} Attr
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    Attr.decodeDelimited = function(reader) {
        if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
        return this.decode(reader, reader.size());
    };

    /**
     * Verifies an Attr message.
     * @function verify
     * @memberof Attr
     * @static
     * @param {Object.<string,*>} message Plain object to verify
     * @returns {string|null} `null` if valid, otherwise the reason why it is not
     */
    Attr.verify = function (message, _depth) {
        if (typeof message !== "object" || message === null)
            return "object expected";
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            return "max depth exceeded";
        if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
            if (!$util.isString(message.name))
                return "name: string expected";
        if (message.type != null && $Object.hasOwnProperty.call(message, "type")) {
            let error = $root.CtyType.verify(message.type, _depth + 1);
            if (error)
                return "type." + error;
        }
        if (message.required != null && $Object.hasOwnProperty.call(message, "required"))
            if (typeof message.required !== "boolean")
                return "required: boolean expected";
        return null;
    };

    /**
     * Creates an Attr message from a plain object. Also converts values to their respective internal types.
     * @function fromObject
     * @memberof Attr
     * @static
     * @param {Object.<string,*>} object Plain object
     * @returns {Attr} Attr
     */
    Attr.fromObject = function (object, _depth) {
        if (object instanceof $root.Attr)
            return object;
        if (!$util.isObject(object))
            throw $TypeError(".Attr: object expected");
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        let message = new $root.Attr();
        if (object.name != null)
            if (typeof object.name !== "string" || object.name.length)
                message.name = $String(object.name);
        if (object.type != null) {
            if (!$util.isObject(object.type))
                throw $TypeError(".Attr.type: object expected");
            message.type = $root.CtyType.fromObject(object.type, _depth + 1);
        }
        if (object.required != null)
            if (object.required)
                message.required = $Boolean(object.required);
        return message;
    };

    /**
     * Creates a plain object from an Attr message. Also converts values to other types if specified.
     * @function toObject
     * @memberof Attr
     * @static
     * @param {Attr} message Attr
     * @param {$protobuf.IConversionOptions} [options] Conversion options
     * @returns {Object.<string,*>} Plain object
     */
    Attr.toObject = function (message, options, _depth) {
        if (!options)
            options = {};
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        let object = {};
        if (options.defaults) {
            object.name = "";
            object.type = null;
            object.required = false;
        }
        if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
            object.name = message.name;
        if (message.type != null && $Object.hasOwnProperty.call(message, "type"))
            object.type = $root.CtyType.toObject(message.type, options, _depth + 1);
        if (message.required != null && $Object.hasOwnProperty.call(message, "required"))
            object.required = message.required;
        return object;
    };

    /**
     * Converts this Attr to JSON.
     * @function toJSON
     * @memberof Attr
     * @instance
     * @returns {Object.<string,*>} JSON object
     */
    Attr.prototype.toJSON = function() {
        return Attr.toObject(this, $protobuf.util.toJSONOptions);
    };

    /**
     * Gets the type url for Attr
     * @function getTypeUrl
     * @memberof Attr
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    Attr.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/Attr";
    };

    return Attr;
})();

export const Block = $root.Block = (() => {

    /**
     * Properties of a Block.
     * @typedef {Object} Block.$Properties
     * @property {string|null} [name] Block name
     * @property {boolean|null} [required] Block required
     * @property {Spec.$Properties|null} [nested] Block nested
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a Block.
     * @exports IBlock
     * @interface IBlock
     * @augments Block.$Properties
     * @deprecated Use Block.$Properties instead.
     */

    /**
     * Shape of a Block.
     * @typedef {{
     *   name?: string|null;
     *   required?: boolean|null;
     *   nested?: Spec.$Shape|null;
     *   $unknowns?: Array.<Uint8Array>;
     * }} Block.$Shape
     */

    /**
     * Constructs a new Block.
     * @exports Block
     * @classdesc Represents a Block.
     * @constructor
     * @param {Block.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const Block = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * Block name.
     * @member {string} name
     * @memberof Block
     * @instance
     */
    Block.prototype.name = "";

    /**
     * Block required.
     * @member {boolean} required
     * @memberof Block
     * @instance
     */
    Block.prototype.required = false;

    /**
     * Block nested.
     * @member {Spec.$Properties|null|undefined} nested
     * @memberof Block
     * @instance
     */
    Block.prototype.nested = null;

    /**
     * Creates a new Block instance using the specified properties.
     * @function create
     * @memberof Block
     * @static
     * @param {Block.$Properties=} [properties] Properties to set
     * @returns {Block} Block instance
     * @type {{
     *   (properties: Block.$Shape): Block & Block.$Shape;
     *   (properties?: Block.$Properties): Block;
     * }}
     */
    Block.create = function(properties) {
        return new Block(properties);
    };

    /**
     * Encodes the specified Block message. Does not implicitly {@link Block.verify|verify} messages.
     * @function encode
     * @memberof Block
     * @static
     * @param {Block.$Properties} message Block message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    Block.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
            writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
        if (message.required != null && $Object.hasOwnProperty.call(message, "required") && message.required !== false)
            writer.uint32(/* id 2, wireType 0 =*/16).bool(message.required);
        if (message.nested != null && $Object.hasOwnProperty.call(message, "nested"))
            $root.Spec.encode(message.nested, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Encodes the specified Block message, length delimited. Does not implicitly {@link Block.verify|verify} messages.
     * @function encodeDelimited
     * @memberof Block
     * @static
     * @param {Block.$Properties} message Block message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    Block.encodeDelimited = function(message, writer) {
        return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
    };

    /**
     * Decodes a Block message from the specified reader or buffer.
     * @function decode
     * @memberof Block
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {Block & Block.$Shape} Block
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    Block.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $Reader.recursionLimit)
            throw $Error("max depth exceeded");
        let end, message, value;
        if (length === $undefined)
            end = reader.len;
        else {
            end = reader.pos + length;
            if (end > reader.len)
                throw $RangeError("index out of range");
            length = reader.len;
            reader.len = end;
        }
        message = _target || new $root.Block();
        while (reader.pos < end) {
            let start = reader.pos;
            let tag = reader.tag();
            if (tag === _end) {
                _end = $undefined;
                break;
            }
            let wireType = tag & 7;
            switch (tag >>>= 3) {
            case 1: {
                    if (wireType !== 2)
                        break;
                    if ((value = reader.stringVerify()).length)
                        message.name = value;
                    else
                        delete message.name;
                    continue;
                }
            case 2: {
                    if (wireType !== 0)
                        break;
                    if (value = reader.bool())
                        message.required = value;
                    else
                        delete message.required;
                    continue;
                }
            case 3: {
                    if (wireType !== 2)
                        break;
                    message.nested = $root.Spec.decode(reader, reader.size(), $undefined, _depth + 1, message.nested);
                    continue;
                }
            }
            reader.skipType(wireType, _depth, tag);
            if (!reader.discardUnknown) {
                $util.makeProp(message, "$unknowns", false);
                (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
            }
        }
        if (length !== $undefined) {
            if (reader.pos !== end)
                throw $RangeError("index out of range");
            reader.len = length;
        }
        if (_end !== $undefined)
            throw $Error("missing end group");
        return message;
    };

    /**
     * Decodes a Block message from the specified reader or buffer, length delimited.
     * @function decodeDelimited
     * @memberof Block
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @returns {Block & Block.$Shape} Block
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    Block.decodeDelimited = function(reader) {
        if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
        return this.decode(reader, reader.size());
    };

    /**
     * Verifies a Block message.
     * @function verify
     * @memberof Block
     * @static
     * @param {Object.<string,*>} message Plain object to verify
     * @returns {string|null} `null` if valid, otherwise the reason why it is not
     */
    Block.verify = function (message, _depth) {
        if (typeof message !== "object" || message === null)
            return "object expected";
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            return "max depth exceeded";
        if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
            if (!$util.isString(message.name))
                return "name: string expected";
        if (message.required != null && $Object.hasOwnProperty.call(message, "required"))
            if (typeof message.required !== "boolean")
                return "required: boolean expected";
        if (message.nested != null && $Object.hasOwnProperty.call(message, "nested")) {
            let error = $root.Spec.verify(message.nested, _depth + 1);
            if (error)
                return "nested." + error;
        }
        return null;
    };

    /**
     * Creates a Block message from a plain object. Also converts values to their respective internal types.
     * @function fromObject
     * @memberof Block
     * @static
     * @param {Object.<string,*>} object Plain object
     * @returns {Block} Block
     */
    Block.fromObject = function (object, _depth) {
        if (object instanceof $root.Block)
            return object;
        if (!$util.isObject(object))
            throw $TypeError(".Block: object expected");
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        let message = new $root.Block();
        if (object.name != null)
            if (typeof object.name !== "string" || object.name.length)
                message.name = $String(object.name);
        if (object.required != null)
            if (object.required)
                message.required = $Boolean(object.required);
        if (object.nested != null) {
            if (!$util.isObject(object.nested))
                throw $TypeError(".Block.nested: object expected");
            message.nested = $root.Spec.fromObject(object.nested, _depth + 1);
        }
        return message;
    };

    /**
     * Creates a plain object from a Block message. Also converts values to other types if specified.
     * @function toObject
     * @memberof Block
     * @static
     * @param {Block} message Block
     * @param {$protobuf.IConversionOptions} [options] Conversion options
     * @returns {Object.<string,*>} Plain object
     */
    Block.toObject = function (message, options, _depth) {
        if (!options)
            options = {};
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        let object = {};
        if (options.defaults) {
            object.name = "";
            object.required = false;
            object.nested = null;
        }
        if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
            object.name = message.name;
        if (message.required != null && $Object.hasOwnProperty.call(message, "required"))
            object.required = message.required;
        if (message.nested != null && $Object.hasOwnProperty.call(message, "nested"))
            object.nested = $root.Spec.toObject(message.nested, options, _depth + 1);
        return object;
    };

    /**
     * Converts this Block to JSON.
     * @function toJSON
     * @memberof Block
     * @instance
     * @returns {Object.<string,*>} JSON object
     */
    Block.prototype.toJSON = function() {
        return Block.toObject(this, $protobuf.util.toJSONOptions);
    };

    /**
     * Gets the type url for Block
     * @function getTypeUrl
     * @memberof Block
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    Block.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/Block";
    };

    return Block;
})();

export const BlockList = $root.BlockList = (() => {

    /**
     * Properties of a BlockList.
     * @typedef {Object} BlockList.$Properties
     * @property {string|null} [name] BlockList name
     * @property {Spec.$Properties|null} [nested] BlockList nested
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of a BlockList.
     * @exports IBlockList
     * @interface IBlockList
     * @augments BlockList.$Properties
     * @deprecated Use BlockList.$Properties instead.
     */

    /**
     * Shape of a BlockList.
     * @typedef {{
     *   name?: string|null;
     *   nested?: Spec.$Shape|null;
     *   $unknowns?: Array.<Uint8Array>;
     * }} BlockList.$Shape
     */

    /**
     * Constructs a new BlockList.
     * @exports BlockList
     * @classdesc Represents a BlockList.
     * @constructor
     * @param {BlockList.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const BlockList = function (properties) {
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * BlockList name.
     * @member {string} name
     * @memberof BlockList
     * @instance
     */
    BlockList.prototype.name = "";

    /**
     * BlockList nested.
     * @member {Spec.$Properties|null|undefined} nested
     * @memberof BlockList
     * @instance
     */
    BlockList.prototype.nested = null;

    /**
     * Creates a new BlockList instance using the specified properties.
     * @function create
     * @memberof BlockList
     * @static
     * @param {BlockList.$Properties=} [properties] Properties to set
     * @returns {BlockList} BlockList instance
     * @type {{
     *   (properties: BlockList.$Shape): BlockList & BlockList.$Shape;
     *   (properties?: BlockList.$Properties): BlockList;
     * }}
     */
    BlockList.create = function(properties) {
        return new BlockList(properties);
    };

    /**
     * Encodes the specified BlockList message. Does not implicitly {@link BlockList.verify|verify} messages.
     * @function encode
     * @memberof BlockList
     * @static
     * @param {BlockList.$Properties} message BlockList message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    BlockList.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
            writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
        if (message.nested != null && $Object.hasOwnProperty.call(message, "nested"))
            $root.Spec.encode(message.nested, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Encodes the specified BlockList message, length delimited. Does not implicitly {@link BlockList.verify|verify} messages.
     * @function encodeDelimited
     * @memberof BlockList
     * @static
     * @param {BlockList.$Properties} message BlockList message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    BlockList.encodeDelimited = function(message, writer) {
        return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
    };

    /**
     * Decodes a BlockList message from the specified reader or buffer.
     * @function decode
     * @memberof BlockList
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {BlockList & BlockList.$Shape} BlockList
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    BlockList.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $Reader.recursionLimit)
            throw $Error("max depth exceeded");
        let end, message, value;
        if (length === $undefined)
            end = reader.len;
        else {
            end = reader.pos + length;
            if (end > reader.len)
                throw $RangeError("index out of range");
            length = reader.len;
            reader.len = end;
        }
        message = _target || new $root.BlockList();
        while (reader.pos < end) {
            let start = reader.pos;
            let tag = reader.tag();
            if (tag === _end) {
                _end = $undefined;
                break;
            }
            let wireType = tag & 7;
            switch (tag >>>= 3) {
            case 1: {
                    if (wireType !== 2)
                        break;
                    if ((value = reader.stringVerify()).length)
                        message.name = value;
                    else
                        delete message.name;
                    continue;
                }
            case 2: {
                    if (wireType !== 2)
                        break;
                    message.nested = $root.Spec.decode(reader, reader.size(), $undefined, _depth + 1, message.nested);
                    continue;
                }
            }
            reader.skipType(wireType, _depth, tag);
            if (!reader.discardUnknown) {
                $util.makeProp(message, "$unknowns", false);
                (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
            }
        }
        if (length !== $undefined) {
            if (reader.pos !== end)
                throw $RangeError("index out of range");
            reader.len = length;
        }
        if (_end !== $undefined)
            throw $Error("missing end group");
        return message;
    };

    /**
     * Decodes a BlockList message from the specified reader or buffer, length delimited.
     * @function decodeDelimited
     * @memberof BlockList
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @returns {BlockList & BlockList.$Shape} BlockList
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    BlockList.decodeDelimited = function(reader) {
        if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
        return this.decode(reader, reader.size());
    };

    /**
     * Verifies a BlockList message.
     * @function verify
     * @memberof BlockList
     * @static
     * @param {Object.<string,*>} message Plain object to verify
     * @returns {string|null} `null` if valid, otherwise the reason why it is not
     */
    BlockList.verify = function (message, _depth) {
        if (typeof message !== "object" || message === null)
            return "object expected";
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            return "max depth exceeded";
        if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
            if (!$util.isString(message.name))
                return "name: string expected";
        if (message.nested != null && $Object.hasOwnProperty.call(message, "nested")) {
            let error = $root.Spec.verify(message.nested, _depth + 1);
            if (error)
                return "nested." + error;
        }
        return null;
    };

    /**
     * Creates a BlockList message from a plain object. Also converts values to their respective internal types.
     * @function fromObject
     * @memberof BlockList
     * @static
     * @param {Object.<string,*>} object Plain object
     * @returns {BlockList} BlockList
     */
    BlockList.fromObject = function (object, _depth) {
        if (object instanceof $root.BlockList)
            return object;
        if (!$util.isObject(object))
            throw $TypeError(".BlockList: object expected");
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        let message = new $root.BlockList();
        if (object.name != null)
            if (typeof object.name !== "string" || object.name.length)
                message.name = $String(object.name);
        if (object.nested != null) {
            if (!$util.isObject(object.nested))
                throw $TypeError(".BlockList.nested: object expected");
            message.nested = $root.Spec.fromObject(object.nested, _depth + 1);
        }
        return message;
    };

    /**
     * Creates a plain object from a BlockList message. Also converts values to other types if specified.
     * @function toObject
     * @memberof BlockList
     * @static
     * @param {BlockList} message BlockList
     * @param {$protobuf.IConversionOptions} [options] Conversion options
     * @returns {Object.<string,*>} Plain object
     */
    BlockList.toObject = function (message, options, _depth) {
        if (!options)
            options = {};
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        let object = {};
        if (options.defaults) {
            object.name = "";
            object.nested = null;
        }
        if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
            object.name = message.name;
        if (message.nested != null && $Object.hasOwnProperty.call(message, "nested"))
            object.nested = $root.Spec.toObject(message.nested, options, _depth + 1);
        return object;
    };

    /**
     * Converts this BlockList to JSON.
     * @function toJSON
     * @memberof BlockList
     * @instance
     * @returns {Object.<string,*>} JSON object
     */
    BlockList.prototype.toJSON = function() {
        return BlockList.toObject(this, $protobuf.util.toJSONOptions);
    };

    /**
     * Gets the type url for BlockList
     * @function getTypeUrl
     * @memberof BlockList
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    BlockList.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/BlockList";
    };

    return BlockList;
})();

export const Object = $root.Object = (() => {

    /**
     * Properties of an Object.
     * @typedef {Object} Object.$Properties
     * @property {Object.<string,Spec.$Properties>|null} [attributes] Object attributes
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */

    /**
     * Properties of an Object.
     * @exports IObject
     * @interface IObject
     * @augments Object.$Properties
     * @deprecated Use Object.$Properties instead.
     */

    /**
     * Shape of an Object.
     * @typedef {{
     *   attributes?: Object.<string,Spec.$Shape>|null;
     *   $unknowns?: Array.<Uint8Array>;
     * }} Object.$Shape
     */

    /**
     * Constructs a new Object.
     * @exports Object
     * @classdesc Represents an Object.
     * @constructor
     * @param {Object.$Properties=} [properties] Properties to set
     * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
     */
    const Object = function (properties) {
        this.attributes = {};
        if (properties)
            for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                    this[keys[i]] = properties[keys[i]];
    };

    /**
     * Object attributes.
     * @member {Object.<string,Spec.$Properties>} attributes
     * @memberof Object
     * @instance
     */
    Object.prototype.attributes = $util.emptyObject;

    /**
     * Creates a new Object instance using the specified properties.
     * @function create
     * @memberof Object
     * @static
     * @param {Object.$Properties=} [properties] Properties to set
     * @returns {Object} Object instance
     * @type {{
     *   (properties: Object.$Shape): Object & Object.$Shape;
     *   (properties?: Object.$Properties): Object;
     * }}
     */
    Object.create = function(properties) {
        return new Object(properties);
    };

    /**
     * Encodes the specified Object message. Does not implicitly {@link Object.verify|verify} messages.
     * @function encode
     * @memberof Object
     * @static
     * @param {Object.$Properties} message Object message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    Object.encode = function (message, writer, _depth) {
        if (!writer)
            writer = $Writer.create();
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        if (message.attributes != null && $Object.hasOwnProperty.call(message, "attributes"))
            for (let keys = $Object.keys(message.attributes), i = 0; i < keys.length; ++i) {
                writer.uint32(/* id 1, wireType 2 =*/10).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]);
                $root.Spec.encode(message.attributes[keys[i]], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim().ldelim();
            }
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
            for (let i = 0; i < message.$unknowns.length; ++i)
                writer.raw(message.$unknowns[i]);
        return writer;
    };

    /**
     * Encodes the specified Object message, length delimited. Does not implicitly {@link Object.verify|verify} messages.
     * @function encodeDelimited
     * @memberof Object
     * @static
     * @param {Object.$Properties} message Object message or plain object to encode
     * @param {$protobuf.Writer} [writer] Writer to encode to
     * @returns {$protobuf.Writer} Writer
     */
    Object.encodeDelimited = function(message, writer) {
        return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
    };

    /**
     * Decodes an Object message from the specified reader or buffer.
     * @function decode
     * @memberof Object
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @param {number} [length] Message length if known beforehand
     * @returns {Object & Object.$Shape} Object
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    Object.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader))
            reader = $Reader.create(reader);
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $Reader.recursionLimit)
            throw $Error("max depth exceeded");
        let end, message, key, value;
        if (length === $undefined)
            end = reader.len;
        else {
            end = reader.pos + length;
            if (end > reader.len)
                throw $RangeError("index out of range");
            length = reader.len;
            reader.len = end;
        }
        message = _target || new $root.Object();
        while (reader.pos < end) {
            let start = reader.pos;
            let tag = reader.tag();
            if (tag === _end) {
                _end = $undefined;
                break;
            }
            let wireType = tag & 7;
            switch (tag >>>= 3) {
            case 1: {
                    if (wireType !== 2)
                        break;
                    if (message.attributes === $util.emptyObject)
                        message.attributes = {};
                    let end2 = reader.size() + reader.pos;
                    if (end2 > reader.len)
                        throw $RangeError("index out of range");
                    reader.len = end2;
                    key = "";
                    value = null;
                    while (reader.pos < end2) {
                        let tag2 = reader.tag();
                        wireType = tag2 & 7;
                        switch (tag2 >>>= 3) {
                        case 1:
                            if (wireType !== 2)
                                break;
                            key = reader.stringVerify();
                            continue;
                        case 2:
                            if (wireType !== 2)
                                break;
                            value = $root.Spec.decode(reader, reader.size(), $undefined, _depth + 1, value);
                            continue;
                        }
                        reader.skipType(wireType, _depth, tag2);
                    }
                    if (reader.pos !== end2)
                        throw $RangeError("index out of range");
                    reader.len = end;
                    if (key === "__proto__")
                        $util.makeProp(message.attributes, key);
                    message.attributes[key] = value || new $root.Spec();
                    continue;
                }
            }
            reader.skipType(wireType, _depth, tag);
            if (!reader.discardUnknown) {
                $util.makeProp(message, "$unknowns", false);
                (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
            }
        }
        if (length !== $undefined) {
            if (reader.pos !== end)
                throw $RangeError("index out of range");
            reader.len = length;
        }
        if (_end !== $undefined)
            throw $Error("missing end group");
        return message;
    };

    /**
     * Decodes an Object message from the specified reader or buffer, length delimited.
     * @function decodeDelimited
     * @memberof Object
     * @static
     * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
     * @returns {Object & Object.$Shape} Object
     * @throws {Error} If the payload is not a reader or valid buffer
     * @throws {$protobuf.util.ProtocolError} If required fields are missing
     */
    Object.decodeDelimited = function(reader) {
        if (!(reader instanceof $Reader))
            reader = new $Reader(reader);
        return this.decode(reader, reader.size());
    };

    /**
     * Verifies an Object message.
     * @function verify
     * @memberof Object
     * @static
     * @param {Object.<string,*>} message Plain object to verify
     * @returns {string|null} `null` if valid, otherwise the reason why it is not
     */
    Object.verify = function (message, _depth) {
        if (typeof message !== "object" || message === null)
            return "object expected";
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            return "max depth exceeded";
        if (message.attributes != null && $Object.hasOwnProperty.call(message, "attributes")) {
            if (!$util.isObject(message.attributes))
                return "attributes: object expected";
            let key = $Object.keys(message.attributes);
            for (let i = 0; i < key.length; ++i) {
                let error = $root.Spec.verify(message.attributes[key[i]], _depth + 1);
                if (error)
                    return "attributes." + error;
            }
        }
        return null;
    };

    /**
     * Creates an Object message from a plain object. Also converts values to their respective internal types.
     * @function fromObject
     * @memberof Object
     * @static
     * @param {Object.<string,*>} object Plain object
     * @returns {Object} Object
     */
    Object.fromObject = function (object, _depth) {
        if (object instanceof $root.Object)
            return object;
        if (!$util.isObject(object))
            throw $TypeError(".Object: object expected");
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        let message = new $root.Object();
        if (object.attributes) {
            if (!$util.isObject(object.attributes))
                throw $TypeError(".Object.attributes: object expected");
            message.attributes = {};
            for (let keys = $Object.keys(object.attributes), i = 0; i < keys.length; ++i) {
                if (keys[i] === "__proto__")
                    $util.makeProp(message.attributes, keys[i]);
                if (!$util.isObject(object.attributes[keys[i]]))
                    throw $TypeError(".Object.attributes: object expected");
                message.attributes[keys[i]] = $root.Spec.fromObject(object.attributes[keys[i]], _depth + 1);
            }
        }
        return message;
    };

    /**
     * Creates a plain object from an Object message. Also converts values to other types if specified.
     * @function toObject
     * @memberof Object
     * @static
     * @param {Object} message Object
     * @param {$protobuf.IConversionOptions} [options] Conversion options
     * @returns {Object.<string,*>} Plain object
     */
    Object.toObject = function (message, options, _depth) {
        if (!options)
            options = {};
        if (_depth === $undefined)
            _depth = 0;
        if (_depth > $util.recursionLimit)
            throw $Error("max depth exceeded");
        let object = {};
        if (options.objects || options.defaults)
            object.attributes = {};
        let keys2;
        if (message.attributes && (keys2 = $Object.keys(message.attributes)).length) {
            object.attributes = {};
            for (let j = 0; j < keys2.length; ++j) {
                if (keys2[j] === "__proto__")
                    $util.makeProp(object.attributes, keys2[j]);
                object.attributes[keys2[j]] = $root.Spec.toObject(message.attributes[keys2[j]], options, _depth + 1);
            }
        }
        return object;
    };

    /**
     * Converts this Object to JSON.
     * @function toJSON
     * @memberof Object
     * @instance
     * @returns {Object.<string,*>} JSON object
     */
    Object.prototype.toJSON = function() {
        return Object.toObject(this, $protobuf.util.toJSONOptions);
    };

    /**
     * Gets the type url for Object
     * @function getTypeUrl
     * @memberof Object
     * @static
     * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
     * @returns {string} The type url
     */
    Object.getTypeUrl = function(prefix) {
        if (prefix === $undefined)
            prefix = "type.googleapis.com";
        return prefix + "/Object";
    };

    return Object;
})();

export {
  $root as default
};

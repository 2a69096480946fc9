package dev.rankadaptor.eval;

import dev.rankadaptor.common.UserInputException;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the flattened schema of a Parquet footer (depth-first {@link SchemaElement}s with child
 * counts) into parquet-column's {@link MessageType}. Only the annotations the row conversion needs
 * are kept: strings (STRING / UTF8 / ENUM / JSON), lists (LIST) and maps (MAP).
 */
final class ParquetSchemas {
    private ParquetSchemas() {
    }

    static MessageType toMessageType(String file, List<SchemaElement> elements) {
        if (elements == null || elements.isEmpty()) {
            throw new UserInputException(file + ": Parquet footer has no schema");
        }
        int[] pos = {1};
        List<Type> fields = children(file, elements, pos, elements.get(0).getNum_children());
        return new MessageType(elements.get(0).getName() == null ? "schema" : elements.get(0).getName(), fields);
    }

    private static List<Type> children(String file, List<SchemaElement> els, int[] pos, int count) {
        List<Type> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (pos[0] >= els.size()) {
                throw new UserInputException(file + ": Parquet schema ends early (a group names more children than listed)");
            }
            SchemaElement e = els.get(pos[0]++);
            Type.Repetition rep = repetition(e.getRepetition_type());
            LogicalTypeAnnotation ann = annotation(e);
            if (!e.isSetType()) {
                List<Type> kids = children(file, els, pos, e.getNum_children());
                out.add(Types.buildGroup(rep).as(ann).addFields(kids.toArray(new Type[0])).named(e.getName()));
            } else {
                PrimitiveType.PrimitiveTypeName t = e.getType() == org.apache.parquet.format.Type.BYTE_ARRAY
                        ? PrimitiveType.PrimitiveTypeName.BINARY : PrimitiveType.PrimitiveTypeName.valueOf(e.getType().name());
                Types.PrimitiveBuilder<PrimitiveType> b = Types.primitive(t, rep);
                if (t == PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
                    b = b.length(e.getType_length());
                }
                if (ann != null && (t == PrimitiveType.PrimitiveTypeName.BINARY)) {
                    b = b.as(ann);
                }
                out.add(b.named(e.getName()));
            }
        }
        return out;
    }

    private static Type.Repetition repetition(FieldRepetitionType r) {
        if (r == null) {
            return Type.Repetition.OPTIONAL;
        }
        return switch (r) {
            case REQUIRED -> Type.Repetition.REQUIRED;
            case OPTIONAL -> Type.Repetition.OPTIONAL;
            case REPEATED -> Type.Repetition.REPEATED;
        };
    }

    private static LogicalTypeAnnotation annotation(SchemaElement e) {
        if (e.isSetLogicalType()) {
            LogicalType l = e.getLogicalType();
            if (l.isSetSTRING() || l.isSetENUM() || l.isSetJSON()) {
                return LogicalTypeAnnotation.stringType();
            }
            if (l.isSetLIST()) {
                return LogicalTypeAnnotation.listType();
            }
            if (l.isSetMAP()) {
                return LogicalTypeAnnotation.mapType();
            }
        }
        if (e.isSetConverted_type()) {
            ConvertedType c = e.getConverted_type();
            if (c == ConvertedType.UTF8 || c == ConvertedType.ENUM || c == ConvertedType.JSON) {
                return LogicalTypeAnnotation.stringType();
            }
            if (c == ConvertedType.LIST) {
                return LogicalTypeAnnotation.listType();
            }
            if (c == ConvertedType.MAP || c == ConvertedType.MAP_KEY_VALUE) {
                return LogicalTypeAnnotation.mapType();
            }
        }
        return null;
    }
}

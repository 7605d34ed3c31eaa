package io.github.nn4j.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * Reads the numbers of a DataFrame's features and label columns: a number, an array of numbers,
 * or a Spark ML vector ({@code org.apache.spark.ml.linalg.Vector}, dense or sparse). Its messages
 * name columns and positions, never a row's values (which may be private data that would land in
 * the logs).
 */
final class RowReader implements Serializable {

    private static final long serialVersionUID = 1L;

    private RowReader() {
    }

    /**
     * Checks that {@code column} of {@code schema} holds numbers, arrays of numbers or vectors.
     *
     * @throws IllegalArgumentException naming the column, its type and the columns there are
     */
    static void requireNumeric(StructType schema, String column) {
        if (!List.of(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException("no column '" + column + "'; the columns are "
                    + List.of(schema.fieldNames()));
        }
        StructField field = schema.apply(column);
        DataType type = field.dataType();
        boolean fits = type instanceof NumericType
                || type instanceof ArrayType array && array.elementType() instanceof NumericType
                || type instanceof UserDefinedType<?> udt && Vector.class.isAssignableFrom(udt.userClass());
        if (!fits) {
            throw new IllegalArgumentException("column '" + column + "' holds " + type.simpleString()
                    + "; it must hold numbers, arrays of numbers or Spark ML vectors");
        }
    }

    /**
     * The numbers of field {@code index} of {@code row}.
     *
     * @throws IllegalArgumentException for a null value or element
     */
    static double[] values(Row row, int index) {
        Object value = row.get(index);
        if (value == null) {
            throw new IllegalArgumentException("null in column " + column(row, index));
        }
        if (value instanceof Number number) {
            return new double[] {number.doubleValue()};
        }
        if (value instanceof Vector vector) {
            return vector.toArray();
        }
        List<?> list = value instanceof List<?> javaList ? javaList : row.getList(index);
        double[] values = new double[list.size()];
        for (int i = 0; i < values.length; i++) {
            Object element = list.get(i);
            if (!(element instanceof Number number)) {
                throw new IllegalArgumentException("element " + i + " of column " + column(row, index) + " is "
                        + (element == null ? "null" : "a " + element.getClass().getSimpleName()) + ", not a number");
            }
            values[i] = number.doubleValue();
        }
        return values;
    }

    /** The column's name, or its position for a row without a schema. */
    private static String column(Row row, int index) {
        return row.schema() == null ? "#" + index : "'" + row.schema().fieldNames()[index] + "'";
    }
}

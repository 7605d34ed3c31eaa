package io.github.nn4j.examples.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A grid of 28×28 grey-scale images (MNIST, Fashion-MNIST) with a caption under each, for
 * example the misclassified test images with their true and predicted labels.
 *
 * <p>Layout: at most {@value #COLUMNS} images per row; each image is drawn {@value #SCALE}× as
 * large (84×84 pixels) in a {@value #CELL_WIDTH}×{@value #CELL_HEIGHT} pixel cell whose two
 * caption lines (split at {@code '\n'}) sit below it. So {@code n} images make a PNG of
 * {@code min(n, COLUMNS)·CELL_WIDTH × ceil(n / COLUMNS)·CELL_HEIGHT} pixels.
 *
 * <pre>{@code
 * ImageGrid.save(Path.of("misclassified.png"), images, new String[] {"true: Shirt\npredicted: T-shirt", ...});
 * }</pre>
 */
public final class ImageGrid {

    /** Images per row. */
    public static final int COLUMNS = 8;
    /** How many screen pixels per image pixel. */
    public static final int SCALE = 3;
    /** Width of one cell in pixels. */
    public static final int CELL_WIDTH = 128;
    /** Height of one cell in pixels. */
    public static final int CELL_HEIGHT = 124;

    private static final int SIDE = 28;

    private ImageGrid() {
    }

    /**
     * Writes the grid as a PNG file.
     *
     * @param file     the PNG file to write
     * @param images   each a flat 784-value image, row by row, 0 = black … 1 = white (values outside are clipped)
     * @param captions one caption per image, at most two lines
     * @return {@code file}
     * @throws IllegalArgumentException when there are no images, an image is not 28×28, or the counts differ
     */
    public static Path save(Path file, float[][] images, String[] captions) {
        if (images.length == 0 || images.length != captions.length) {
            throw new IllegalArgumentException("need one caption per image and at least one image, got "
                    + images.length + " images and " + captions.length + " captions");
        }
        Plots.headless();
        int columns = Math.min(images.length, COLUMNS);
        int rows = (images.length + COLUMNS - 1) / COLUMNS;
        BufferedImage sheet = new BufferedImage(columns * CELL_WIDTH, rows * CELL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            FontMetrics metrics = g.getFontMetrics();
            for (int k = 0; k < images.length; k++) {
                if (images[k].length != SIDE * SIDE) {
                    throw new IllegalArgumentException("image " + k + " has " + images[k].length
                            + " values, expected 28×28 = 784");
                }
                int left = (k % COLUMNS) * CELL_WIDTH + (CELL_WIDTH - SIDE * SCALE) / 2;
                int top = (k / COLUMNS) * CELL_HEIGHT + 4;
                for (int r = 0; r < SIDE; r++) {
                    for (int c = 0; c < SIDE; c++) {
                        int grey = Math.round(255 * Math.max(0f, Math.min(1f, images[k][r * SIDE + c])));
                        g.setColor(new Color(grey, grey, grey));
                        g.fillRect(left + c * SCALE, top + r * SCALE, SCALE, SCALE);
                    }
                }
                g.setColor(Color.DARK_GRAY);
                g.drawRect(left - 1, top - 1, SIDE * SCALE + 1, SIDE * SCALE + 1);
                String[] lines = captions[k] == null ? new String[0] : captions[k].split("\n", 3);
                for (int line = 0; line < Math.min(2, lines.length); line++) {
                    String text = lines[line];
                    int x = (k % COLUMNS) * CELL_WIDTH + Math.max(2, (CELL_WIDTH - metrics.stringWidth(text)) / 2);
                    g.setColor(line == 0 ? Color.BLACK : new Color(178, 24, 43));
                    g.drawString(text, x, top + SIDE * SCALE + 4 + metrics.getAscent() + line * metrics.getHeight());
                }
            }
        } finally {
            g.dispose();
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(sheet, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.toAbsolutePath(), e);
        }
        return file;
    }
}
